// Presence through real streams: a user's first stream makes them online for their DM peers and
// the co-members of their small rooms; their last stream closing makes them offline only after
// the grace period; a reload within it changes nothing; away follows the browser. Outsiders and
// members of large rooms only (here `general`, over the push bound of 3) get nothing pushed.
// "Nothing" is proven with a sentinel: an ephemeral event sent to that stream afterwards arrived.
import { describe, expect, it, vi } from 'vitest'

const GRACE_MS = 2000
vi.hoisted(() => {
  process.env.PRESENCE_GRACE_MS = '2000'
  process.env.PRESENCE_ROOM_PUSH_MAX = '3'
})

import { typingKey, typingThrottle } from '../../src/presence/typing-endpoint'
import { PRESENCE_PATH, TYPING_PATH } from '../../src/protocol'
import { realtime } from '../../src/realtime/runtime'
import { type Actor, type Cast, send, useServerWithCast } from '../helpers/fixtures'
import type { TestServer } from '../helpers/http-server'
import { useStreams } from '../helpers/open-streams'
import { createRoom } from '../helpers/feed-rooms'
import { parseData, type SseConnection } from '../helpers/sse-client'

let server: TestServer
let cast: Cast
useServerWithCast((s, c) => ((server = s), (cast = c)))
const { stream } = useStreams(() => server)

const presenceOf = (s: SseConnection, user: Actor) => s.events.filter((e) => e.event === 'presence' && parseData(e).user === user.id)
const statuses = (s: SseConnection, user: Actor) => presenceOf(s, user).map((e) => parseData(e).status)

async function live(actor: Actor): Promise<SseConnection> {
  const s = await stream(actor.token)
  await s.ready()
  return s
}

// Someone types to `actor` (an ephemeral event, like presence): once it arrived, so had anything before.
async function sentinel(actor: Actor, s: SseConnection): Promise<void> {
  const typer = actor.id === cast.admin.id ? cast.carol : cast.admin
  typingThrottle().forget(typingKey(typer.id, { receiver: actor.id }))
  const count = () => s.events.filter((e) => e.event === 'typing').length
  const before = count()
  expect((await cast.client.post(TYPING_PATH, { receiver: actor.id }, typer.token)).status).toBe(204)
  await s.waitFor(() => count() > before)
}

// Waits until the server has released every stream of `actor`.
const released = (actor: Actor) => vi.waitFor(() => expect(realtime(server.payload).hub.streamsOf(actor.id)).toBe(0))

// Each test starts with Alice offline: the previous test's streams closed a grace period ago.
async function offline(actor: Actor): Promise<void> {
  await vi.waitFor(async () => expect((await realtime(server.payload).presence.snapshot([actor.id]))[0].status).toBe('offline'), {
    timeout: GRACE_MS + 8000,
    interval: 100,
  })
}

const snapshot = async (actor: Actor, query: string) => cast.client.get(`${PRESENCE_PATH}?users=${query}`, actor.token)

describe('presence', () => {
  it('goes online for DM peers and small-room co-members, offline only after the grace period, never to outsiders', async () => {
    const { admin, alice, bob, carol } = cast
    await send(server.url, alice, bob, 'hi Bob')
    await createRoom(server.payload, { name: 'duo', members: [alice.id, carol.id] })
    const [b, c, d] = [await live(bob), await live(carol), await live(admin)]

    const a = await live(alice)
    await b.waitFor(() => statuses(b, alice).includes('online'))
    await c.waitFor(() => statuses(c, alice).includes('online'))
    const online = presenceOf(b, alice)[0]
    expect(online.id).toBeUndefined()
    expect(parseData(online)).toEqual({ user: alice.id, status: 'online', lastSeen: expect.any(String) })
    await Promise.all([sentinel(alice, a), sentinel(admin, d)])
    // Her own stream never gets her own presence; the admin shares only `general` (over the bound).
    expect(presenceOf(a, alice)).toEqual([])
    expect(presenceOf(d, alice)).toEqual([])

    a.close()
    await released(alice)
    // Within the grace period she is still online, and nothing was pushed.
    expect((await snapshot(bob, String(alice.id))).body.presence[0].status).toBe('online')
    await sentinel(bob, b)
    expect(statuses(b, alice)).toEqual(['online'])
    // When exactly is the manual-clock unit test's (presence-state.test.ts); here: order and outcome.
    await b.waitFor(() => statuses(b, alice).includes('offline'), GRACE_MS + 8000)
    expect(statuses(b, alice)).toEqual(['online', 'offline'])
    await c.waitFor(() => statuses(c, alice).includes('offline'), 5000)
    const offline = parseData(presenceOf(b, alice)[1])
    expect(offline.lastSeen).toEqual(expect.any(String))
    await sentinel(admin, d)
    expect(presenceOf(d, alice)).toEqual([])
  })

  it('does not flicker when the last stream comes back within the grace period (a reload)', async () => {
    const { alice, bob } = cast
    await offline(alice)
    const b = await live(bob)
    const first = await live(alice)
    await b.waitFor(() => statuses(b, alice).includes('online'))
    first.close()
    await released(alice)
    await live(alice)
    // Past the grace period of the first stream's close: still one online, no offline.
    await new Promise((resolve) => setTimeout(resolve, GRACE_MS + 500))
    await sentinel(bob, b)
    expect(statuses(b, alice)).toEqual(['online'])
  })

  it('is away when the browser says every tab is hidden, online again when one is visible', async () => {
    const { client, alice, bob } = cast
    await offline(alice)
    const b = await live(bob)
    await live(alice)
    await b.waitFor(() => statuses(b, alice).includes('online'))
    expect((await client.post(PRESENCE_PATH, { status: 'away' }, alice.token)).status).toBe(204)
    await b.waitFor(() => statuses(b, alice).includes('away'))
    expect((await snapshot(bob, String(alice.id))).body.presence).toEqual([{ user: alice.id, status: 'away', lastSeen: expect.any(String) }])
    expect((await client.post(PRESENCE_PATH, { status: 'online' }, alice.token)).status).toBe(204)
    await b.waitFor(() => statuses(b, alice).filter((s) => s === 'online').length === 2)
    expect(statuses(b, alice)).toEqual(['online', 'away', 'online'])

    for (const body of [{ status: 'offline' }, { status: 'busy' }, {}, { status: 'away', extra: 1 }, ['away']]) {
      const res = await client.post(PRESENCE_PATH, body, alice.token)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body.errors[0].message).toMatch(/status|JSON object/)
    }
    expect((await client.post(PRESENCE_PATH, { status: 'away' })).status).toBe(401)
    await sentinel(bob, b)
    expect(statuses(b, alice)).toEqual(['online', 'away', 'online'])
  })

  it('answers the snapshot for people who share a DM or any room with the caller, and leaves others out', async () => {
    const { client, admin, alice, bob, carol } = cast
    const dave = await client.signUp('Dave', 'dave@test.io')
    const general = (await client.get('/api/rooms', dave.token)).body.rooms.find((r: any) => r.name === 'general')
    expect((await client.post(`/api/rooms/${general.id}/leave`, {}, dave.token)).status).toBe(200)
    await live(bob)
    await live(dave)

    const res = await snapshot(alice, `${dave.id},${bob.id},${carol.id},${admin.id},999999,${bob.id}`)
    expect(res.status).toBe(200)
    // Bob: a DM; Carol: a small room; the admin: `general` (any size counts here). Dave shares
    // nothing with Alice (he is online, and that is not hers to know); 999999 is nobody.
    expect(res.body.presence.map((p: any) => [p.user, p.status])).toEqual([
      [bob.id, 'online'],
      [carol.id, 'offline'],
      [admin.id, 'offline'],
    ])
    expect((await snapshot(dave, String(alice.id))).body.presence).toEqual([])

    const tooMany = Array.from({ length: 201 }, (_, i) => i + 1).join(',')
    for (const query of ['', 'abc', '1,,2', '0', '-1', '1.5', tooMany, `1&users=2`]) {
      const bad = await snapshot(alice, query)
      expect(bad.status, query).toBe(400)
      expect(bad.body.errors[0].message).toMatch(/users/)
    }
    expect((await client.get(PRESENCE_PATH, alice.token)).status).toBe(400)
    expect((await client.get(`${PRESENCE_PATH}?users=${bob.id}`)).status).toBe(401)
  })
})
