// Presence and typing across server processes on one database (SQLite file, or PostgreSQL with
// TEST_DATABASE=postgres): WEB_CONCURRENCY workers, or instances. A user's status is the same
// whichever process answers or pushes it; each stream gets each change once; a SIGKILLed process's
// users go offline on the others once its rows expire. B never beats (PRESENCE_HEARTBEAT_MS of an
// hour) and polls nothing: only the commit signal (FEED_WAKE_CHECK_MS) can wake it to read what A
// wrote. A and C beat every 300 ms while they hold streams, and reap rows not marked for 2 s.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { PRESENCE_PATH, TYPING_PATH } from '../../src/protocol'
import { api } from '../helpers/api'
import { type Actor, type Cast, createCast, send } from '../helpers/fixtures'
import { spawnServer, type ServerProcess } from '../helpers/server-process'
import { openStream, parseData, type SseConnection } from '../helpers/sse-client'

const NEVER_MS = '3600000'
const GRACE_MS = 1500
const common = { FEED_WAKE_CHECK_MS: '5', SSE_POLL_INTERVAL_MS: NEVER_MS, PRESENCE_GRACE_MS: String(GRACE_MS), PRESENCE_EXPIRY_MS: '2000' }
const beating = { ...common, PRESENCE_HEARTBEAT_MS: '300' }

let a: ServerProcess
let b: ServerProcess
let cast: Cast
const streams: SseConnection[] = []

beforeAll(async () => {
  // One after the other: the first migrates the fresh database (as worker 1 does).
  a = await spawnServer(beating, { startTimeoutMs: 180_000 })
  // Its expiry must exceed two beats (env.ts); it judges rows alive by it, and never reaps.
  b = await spawnServer({ ...common, PRESENCE_HEARTBEAT_MS: NEVER_MS, PRESENCE_EXPIRY_MS: String(3 * Number(NEVER_MS)) }, { startTimeoutMs: 180_000 })
  cast = await createCast(a.url)
  // DM peers: Alice's and Carol's presence goes to Bob.
  await send(a.url, cast.alice, cast.bob, 'hi Bob')
  await send(a.url, cast.carol, cast.bob, 'hi Bob, Carol here')
}, 400_000)

afterAll(async () => {
  for (const s of streams) s.close()
  await Promise.all([a?.stop(), b?.stop()])
})

async function live(server: ServerProcess, actor: Actor): Promise<SseConnection> {
  const s = await openStream(server.url, { token: actor.token })
  streams.push(s)
  await s.ready()
  return s
}

const statuses = (s: SseConnection, user: Actor) =>
  s.events.filter((e) => e.event === 'presence' && parseData(e).user === user.id).map((e) => parseData(e).status as string)
const presenceOn = async (server: ServerProcess, asker: Actor, user: Actor) =>
  (await api(server.url).get(`${PRESENCE_PATH}?users=${user.id}`, asker.token)).body.presence[0] as { status: string; lastSeen: string | null }
const typing = (s: SseConnection, from: Actor) => s.events.filter((e) => e.event === 'typing' && parseData(e).user === from.id)

// The admin types to `actor` through A; once both streams have it, they have everything before.
async function sentinel(actor: Actor, ...on: SseConnection[]): Promise<void> {
  const before = on.map((s) => typing(s, cast.admin).length)
  // Each call is a new conversation for the throttle: a room would need a membership, so the
  // admin types to the DM again after the window (TYPING_THROTTLE_MS) would pass; instead a
  // fresh message resets it (a sent message lets the next typing notice through).
  await send(a.url, cast.admin, actor, 'sentinel')
  expect((await api(a.url).post(TYPING_PATH, { receiver: actor.id }, cast.admin.token)).status).toBe(204)
  await Promise.all(on.map((s, i) => s.waitFor(() => typing(s, cast.admin).length > before[i]!, 10_000)))
}

describe('presence across processes', () => {
  it('is online on B for a stream on A, away and back from either process, offline on B once it closes, each change once per stream', async () => {
    const { alice, bob } = cast
    const [bobOnA, bobOnB] = [await live(a, bob), await live(b, bob)]
    expect((await presenceOn(b, bob, alice)).status).toBe('offline')

    const aliceOnA = await live(a, alice)
    await bobOnB.waitFor(() => statuses(bobOnB, alice).includes('online'), 10_000)
    await bobOnA.waitFor(() => statuses(bobOnA, alice).includes('online'), 10_000)
    expect((await presenceOn(b, bob, alice)).status).toBe('online')

    // The browser says hidden to B (its stream is on A), then visible to A.
    expect((await api(b.url).post(PRESENCE_PATH, { status: 'away' }, alice.token)).status).toBe(204)
    await bobOnB.waitFor(() => statuses(bobOnB, alice).includes('away'), 10_000)
    expect((await presenceOn(b, bob, alice)).status).toBe('away')
    expect((await presenceOn(a, bob, alice)).status).toBe('away')
    expect((await api(a.url).post(PRESENCE_PATH, { status: 'online' }, alice.token)).status).toBe(204)
    await bobOnB.waitFor(() => statuses(bobOnB, alice).length === 3, 10_000)

    aliceOnA.close()
    await bobOnB.waitFor(() => statuses(bobOnB, alice).includes('offline'), GRACE_MS + 10_000)
    await bobOnA.waitFor(() => statuses(bobOnA, alice).includes('offline'), 10_000)
    await sentinel(bob, bobOnA, bobOnB)
    // Once per change per stream, on both processes: not once per process that noticed.
    expect(statuses(bobOnB, alice)).toEqual(['online', 'away', 'online', 'offline'])
    expect(statuses(bobOnA, alice)).toEqual(['online', 'away', 'online', 'offline'])
    // Both processes say when she was last there, the same moment.
    const [onA, onB] = [await presenceOn(a, bob, alice), await presenceOn(b, bob, alice)]
    expect(onB).toEqual({ user: alice.id, status: 'offline', lastSeen: expect.any(String) })
    expect(onA).toEqual(onB)
    bobOnA.close()
  }, 60_000)

  it('delivers typing on A to the typed-to streams on B (a DM and a room), never to the typer', async () => {
    const { alice, bob, carol } = cast
    const room = (await api(a.url).post('/api/rooms', { name: 'trio', visibility: 'private' }, carol.token)).body.room
    for (const member of [alice, bob]) {
      expect((await api(a.url).post(`/api/rooms/${room.id}/members`, { user: member.id }, carol.token)).status).toBe(201)
    }
    const [bobOnB, aliceOnB] = [await live(b, bob), await live(b, alice)]
    // B knows who is in the room once its feed has delivered the room's first message.
    const hello = (await api(a.url).post('/api/messages', { room: room.id, content: 'hello trio' }, carol.token)).body.doc
    const got = (s: SseConnection) => s.events.some((e) => e.event === 'message.created' && parseData(e).id === hello.id)
    await Promise.all([bobOnB.waitFor(() => got(bobOnB), 10_000), aliceOnB.waitFor(() => got(aliceOnB), 10_000)])

    expect((await api(a.url).post(TYPING_PATH, { receiver: bob.id }, alice.token)).status).toBe(204)
    await bobOnB.waitFor(() => typing(bobOnB, alice).length === 1, 10_000)
    expect(parseData(typing(bobOnB, alice)[0]!)).toEqual({ user: alice.id, receiver: bob.id, room: null })
    expect(typing(bobOnB, alice)[0]!.id).toBeUndefined()

    expect((await api(a.url).post(TYPING_PATH, { room: room.id }, carol.token)).status).toBe(204)
    await bobOnB.waitFor(() => typing(bobOnB, carol).length === 1, 10_000)
    await aliceOnB.waitFor(() => typing(aliceOnB, carol).length === 1, 10_000)
    expect(parseData(typing(aliceOnB, carol)[0]!)).toEqual({ user: carol.id, receiver: null, room: room.id })
    // Alice types in the room too: her own stream on B is a member's, so only the "never to the
    // typer" rule keeps the notice from it.
    expect((await api(a.url).post(TYPING_PATH, { room: room.id }, alice.token)).status).toBe(204)
    await bobOnB.waitFor(() => typing(bobOnB, alice).length === 2, 10_000)
    await sentinel(alice, aliceOnB)
    expect(typing(aliceOnB, alice)).toEqual([])
  }, 60_000)

  it("takes a SIGKILLed process's users offline on the others once its rows expire", async () => {
    const { carol, bob } = cast
    const c = await spawnServer(beating, { startTimeoutMs: 180_000 })
    try {
      // A holds a stream, so it beats and reaps (B never does).
      await live(a, cast.admin)
      const bobOnB = await live(b, bob)
      const carolOnC = await openStream(c.url, { token: carol.token })
      await carolOnC.ready()
      await bobOnB.waitFor(() => statuses(bobOnB, carol).includes('online'), 10_000)
      const killedAt = Date.now()
      c.child.kill('SIGKILL')
      // A reaps C's rows (B never beats); B hears of it through the commit signal.
      await bobOnB.waitFor(() => statuses(bobOnB, carol).includes('offline'), 20_000)
      expect(statuses(bobOnB, carol)).toEqual(['online', 'offline'])
      const onB = await presenceOn(b, bob, carol)
      expect(onB.status).toBe('offline')
      // Last seen when C was last heard of: before it was killed, not when it was found dead.
      expect(Date.parse(onB.lastSeen!)).toBeLessThanOrEqual(killedAt)
      expect(await presenceOn(a, bob, carol)).toEqual(onB)
    } finally {
      await c.stop()
    }
    // Starting a third server takes most of it.
  }, 240_000)
})
