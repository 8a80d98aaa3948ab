// What the live stream delivers, to whom and in what shape, through a real HTTP server and a real
// database (SQLite, or PostgreSQL with TEST_DATABASE=postgres): local writes (woken at once) and another process's writes (found by the poll).
import { describe, expect, it, vi } from 'vitest'

vi.hoisted(() => {
  // Carol's "nothing for her" wait below is two poll intervals long.
  Object.assign(process.env, { SSE_POLL_INTERVAL_MS: '300' })
})

import { reactionsPath } from '../../src/protocol'
import { realtime } from '../../src/realtime/runtime'
import { type Cast, send, useServerWithCast } from '../helpers/fixtures'
import type { TestServer } from '../helpers/http-server'
import { useStreams } from '../helpers/open-streams'
import { changeIds, parseData, type SseConnection } from '../helpers/sse-client'
import { writeFromAnotherProcess } from '../helpers/write-from-another-process'

let server: TestServer
let cast: Cast
useServerWithCast((s, c) => ((server = s), (cast = c)))
const { stream, closeAll } = useStreams(() => server)
const ready = (s: SseConnection) => s.ready()

describe('delivery', () => {
  it('streams create, edit and delete to sender and receiver only, admin moderation included', async () => {
    const [alice, bob, carol] = await Promise.all([stream(cast.alice.token), stream(cast.bob.token), stream(cast.carol.token)])
    await Promise.all([ready(alice), ready(bob), ready(carol)])

    // An event shows its message as it is when the poller reads it (a created event read after the
    // edit shows the edit; none is left once the message is deleted, its delete follows): each step
    // reaches both sides before the next, so each event shows its own step whenever the poll runs.
    const reachedBoth = (count: number) => Promise.all([alice, bob].map((s) => s.waitFor(() => s.changes().length >= count)))
    const msg = await send(server.url, cast.alice, cast.bob, 'live hello')
    await reachedBoth(1)
    await cast.client.patch(`/api/messages/${msg.id}`, { content: 'live hello (edited)' }, cast.alice.token)
    const second = await send(server.url, cast.bob, cast.alice, 'reply')
    await reachedBoth(3)
    await cast.client.patch(`/api/messages/${second.id}`, { content: '[removed by moderator]' }, cast.admin.token)
    await reachedBoth(4)
    await cast.client.del(`/api/messages/${second.id}`, cast.admin.token)
    await server.payload.delete({ collection: 'messages', id: msg.id, overrideAccess: true })

    const expected = ['message.created', 'message.updated', 'message.created', 'message.updated', 'message.deleted', 'message.deleted']
    for (const s of [alice, bob]) {
      await s.waitFor(() => s.changes().length >= expected.length)
      expect(s.changes().map((e) => e.event)).toEqual(expected)
      const ids = changeIds(s.events)
      expect(ids).toEqual([...ids].sort((a, b) => a - b))
      const [created, updated] = s.changes().map(parseData)
      expect(created).toMatchObject({ id: msg.id, content: 'live hello', sender: { id: cast.alice.id, name: 'Alice' }, receiver: { id: cast.bob.id, name: 'Bob' } })
      expect(Object.keys(created.sender).sort()).toEqual(['id', 'name'])
      expect(updated).toMatchObject({ id: msg.id, content: 'live hello (edited)' })
      expect(updated.editedAt).toBeTruthy()
      // The admin removed Bob's message: a moderator's removal; so is server code's with no user.
      expect(parseData(s.changes()[4])).toMatchObject({ id: second.id, by: 'moderator' })
      expect(parseData(s.changes()[5])).toEqual({ id: msg.id, sender: cast.alice.id, receiver: cast.bob.id, room: null, by: 'moderator' })
      expect(s.body).not.toMatch(/@test\.io|sessions|hash/)
    }
    // Carol is in neither conversation: give the poller a full interval, she must get nothing.
    await new Promise((resolve) => setTimeout(resolve, 700))
    expect(carol.changes()).toEqual([])
    await closeAll()
  })

  it('carries each message exactly as REST returns it at depth 1, users as {id, name}', async () => {
    const bob = await stream(cast.bob.token)
    await ready(bob)
    // A reply with a reaction: its quote and reactions are part of the shape (issue #17).
    const original = await send(server.url, cast.bob, cast.alice, 'the original')
    const sent = await cast.client.post('/api/messages', { receiver: cast.bob.id, content: 'same shape as REST', replyTo: original.id }, cast.alice.token)
    const msg = sent.body.doc
    await cast.client.patch(`/api/messages/${msg.id}`, { content: 'same shape, edited' }, cast.alice.token)
    await cast.client.post(reactionsPath(msg.id), { emoji: '👍' }, cast.bob.token)
    await bob.waitFor(() => bob.changes().filter((e) => parseData(e).id === msg.id).length === 3)
    const rest = (await cast.client.get(`/api/messages/${msg.id}?depth=1`, cast.bob.token)).body
    expect(rest).toMatchObject({ replyQuote: { excerpt: 'the original' }, reactions: [{ emoji: '👍', users: [cast.bob.id] }] })
    const asStreamed = { ...rest, sender: { id: rest.sender.id, name: rest.sender.name }, receiver: { id: rest.receiver.id, name: rest.receiver.name } }
    const [created, updated, reacted] = bob.changes().filter((e) => parseData(e).id === msg.id)
    expect(reacted.event).toBe('message.reactions')
    expect(parseData(reacted).reactions).toEqual(rest.reactions)
    expect({ ...parseData(updated), reactions: rest.reactions }).toEqual(asStreamed)
    expect(Object.keys(parseData(created)).sort()).toEqual(Object.keys(asStreamed).sort())
    await closeAll()
  })

  it('delivers a write from another process, which only the poll can find', async () => {
    const bob = await stream(cast.bob.token)
    await ready(bob)
    const { poller } = realtime(server.payload)
    const pollsBefore = poller.polls
    await writeFromAnotherProcess({ sender: cast.carol.id, receiver: cast.bob.id, count: 3, prefix: 'from a script' })
    await bob.waitFor(() => bob.changes().length >= 3)
    expect(poller.polls).toBeGreaterThan(pollsBefore)
    expect(bob.changes().map((e) => parseData(e).content)).toEqual(['from a script 0', 'from a script 1', 'from a script 2'])
    await closeAll()
  })
})
