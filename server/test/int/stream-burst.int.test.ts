// Volume through the stream: bursts larger than one poll batch, and many writers at once. Kept
// apart from the other stream tests because they are slow, so mutation testing can leave them out
// (see docs/testing.md); every guarantee here is about order and completeness, not speed, and
// the generous time limits only keep a hang from blocking the suite.
import { afterAll, describe, expect, it, vi } from 'vitest'

import { realtime } from '../../src/realtime/runtime'
import { type Cast, send, useServerWithCast } from '../helpers/fixtures'
import type { TestServer } from '../helpers/http-server'
import { openStream, parseData, type SseConnection, type SseEvent } from '../helpers/sse-client'
import { writeFromAnotherProcess } from '../helpers/write-from-another-process'

let server: TestServer
let cast: Cast
useServerWithCast((s, c) => ((server = s), (cast = c)))

const open: SseConnection[] = []
async function stream(token: string) {
  const connection = await openStream(server.url, { token })
  open.push(connection)
  return connection
}
async function closeAll() {
  for (const connection of open.splice(0)) connection.close()
  await vi.waitFor(() => expect(realtime(server.payload).hub.size).toBe(0), { timeout: 5000 })
}
afterAll(closeAll)

const ready = (s: SseConnection) => s.ready()
const changeIds = (events: SseEvent[]) => events.filter((e) => e.event.startsWith('message.')).map((e) => Number(e.id))

describe('bursts', () => {
  it('delivers a 10,000-change burst committed at once, in full and in order, across batches', async () => {
    const bob = await stream(cast.bob.token)
    await ready(bob)
    await writeFromAnotherProcess({ sender: cast.carol.id, receiver: cast.bob.id, count: 10_000, prefix: 'burst', oneTransaction: true })
    await bob.waitFor(() => bob.changes().length >= 10_000, 60_000)
    const contents = bob.changes().map((e) => parseData(e).content)
    expect(contents).toEqual(Array.from({ length: 10_000 }, (_, i) => `burst ${i}`))
    await closeAll()
  }, 90_000)

  it('delivers a 500-message burst from 20 concurrent writers complete, in order, once', async () => {
    const writers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => cast.client.signUp(`Writer ${i}`, `writer${i}@test.io`)),
    )
    const [alice, aliceAgain, bob] = await Promise.all([stream(cast.alice.token), stream(cast.alice.token), stream(cast.bob.token)])
    await Promise.all([ready(alice), ready(aliceAgain), ready(bob)])

    await Promise.all(
      writers.map(async (writer, w) => {
        for (let i = 0; i < 25; i++) {
          const to = i % 2 === 0 ? cast.alice : cast.bob
          await send(server.url, writer, to, `w${w}-${i}`)
        }
      }),
    )
    const expectedFor = (name: 'alice' | 'bob') =>
      writers.flatMap((_, w) => Array.from({ length: 25 }, (_, i) => i).filter((i) => (i % 2 === 0) === (name === 'alice')).map((i) => `w${w}-${i}`))

    for (const [s, name] of [[alice, 'alice'], [aliceAgain, 'alice'], [bob, 'bob']] as const) {
      const expected = expectedFor(name)
      await s.waitFor(() => s.changes().length >= expected.length, 10_000)
      const contents = s.changes().map((e) => parseData(e).content)
      expect(contents.length).toBe(expected.length)
      expect(new Set(contents).size).toBe(contents.length)
      expect([...contents].sort()).toEqual([...expected].sort())
      const ids = changeIds(s.events)
      expect(ids).toEqual([...ids].sort((a, b) => a - b))
      // Per writer, the order of sending is the order of arrival.
      for (let w = 0; w < writers.length; w++) {
        const mine = contents.filter((c) => c.startsWith(`w${w}-`))
        expect(mine).toEqual(expected.filter((c) => c.startsWith(`w${w}-`)))
      }
    }
    await closeAll()
  }, 90_000)
})
