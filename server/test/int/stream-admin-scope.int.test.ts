// The admin scope of the stream (`?scope=all`): every change on the server for moderators (report
// changes too), in feed order with its ids, resumable; refused to members, to unknown scopes, and
// (within a session check) to a moderator who is demoted while streaming. Members' streams are as
// before, and never carry a report change.
import { expect, it } from 'vitest'

import { realtime } from '../../src/realtime/runtime'
import { api } from '../helpers/api'
import { type Cast, send, useServerWithCast } from '../helpers/fixtures'
import type { TestServer } from '../helpers/http-server'
import { useStreams } from '../helpers/open-streams'
import { demoteElsewhere, suspendElsewhere } from '../helpers/write-from-another-process'
import { addMemberAsAdmin, createRoom, postInRoom } from '../helpers/rooms'
import { describeEvents, feedEvents, parseData, type SseEvent } from '../helpers/sse-client'

let server: TestServer
let cast: Cast
useServerWithCast((s, c) => ((server = s), (cast = c)))

const { stream } = useStreams(() => server)
const ALL = { query: '?scope=all' }

it('refuses a member (403), anonymous (401) and an unknown scope (400), as JSON', async () => {
  const cases = [
    [cast.bob.token, '?scope=all', 403],
    [undefined, '?scope=all', 401],
    [cast.admin.token, '?scope=everything', 400],
    [cast.bob.token, '?scope=', 400],
  ] as const
  for (const [token, query, status] of cases) {
    const s = await stream(token as string, { query })
    await s.closed
    expect([query, s.status, s.headers['content-type']]).toEqual([query, status, 'application/json'])
    expect(JSON.parse(s.body).errors[0].message).toEqual(expect.any(String))
  }
  expect(realtime(server.payload).hub.size).toBe(0)
})

it('gives a moderator every change, DMs and rooms they are not in, in feed order with ids; members see only theirs', async () => {
  const { admin, alice, bob, carol } = cast
  const watching = await stream(admin.token, ALL)
  const bobs = await stream(bob.token)
  const [ready] = await watching.ready()
  await bobs.ready()

  const dm = await send(server.url, alice, carol, 'alice to carol')
  const room = await createRoom(server.url, carol, 'carols-room')
  await addMemberAsAdmin(server.url, admin, room, alice)
  const said = await postInRoom(server.url, alice, room, 'in a room the admin is not in')
  const mine = await send(server.url, carol, bob, 'carol to bob')

  await watching.waitFor((events) => events.some((e) => e.event === 'message.created' && parseData(e).id === mine.id))
  const seen = feedEvents(watching.events)
  expect(describeEvents(watching.events)).toEqual([
    'message.created alice to carol',
    'room.member.joined Carol',
    'room.member.joined Alice',
    'message.created in a room the admin is not in',
    'message.created carol to bob',
  ])
  const ids = seen.map((e) => Number(e.id))
  expect(ids.every((id, i) => id > (i === 0 ? Number(ready.id) : ids[i - 1]))).toBe(true)
  const created = seen.filter((e) => e.event === 'message.created').map((e) => parseData(e))
  expect(created.map((m) => [m.id, m.sender.name, m.receiver?.name ?? m.room?.name])).toEqual([
    [dm.id, 'Alice', 'Carol'],
    [said.id, 'Alice', 'carols-room'],
    [mine.id, 'Carol', 'Bob'],
  ])

  // Bob's own stream is unaffected: only the DM sent to him.
  await bobs.waitFor((events) => events.some((e) => e.event === 'message.created'))
  expect(describeEvents(bobs.events)).toEqual(['message.created carol to bob'])
  // The admin-scope stream is no presence of the moderator's.
  expect((await realtime(server.payload).presence.snapshot([admin.id]))[0].status).toBe('offline')

  // Resume: a reconnect from `ready`'s id replays the same changes with the same ids.
  watching.close()
  const again = await stream(admin.token, { ...ALL, lastEventId: ready.id })
  await again.waitFor((events) => events.some((e) => e.event === 'message.created' && parseData(e).id === mine.id))
  expect(feedEvents(again.events).map((e) => [e.id, e.event])).toEqual(seen.map((e) => [e.id, e.event]))
})

async function promote(user: { id: number }, email: string) {
  const client = api(server.url)
  expect((await client.patch(`/api/users/${user.id}`, { role: 'admin' }, cast.admin.token)).status).toBe(200)
  return client.login(email)
}

it("ends a moderator's admin-scope stream at once when they are demoted here, keeps their own, and refuses a new one", async () => {
  const { admin, alice } = cast
  const promoted = await promote(alice, 'alice@test.io')
  const watching = await stream(promoted.token, ALL)
  const own = await stream(promoted.token)
  await Promise.all([watching.ready(), own.ready()])

  expect((await api(server.url).patch(`/api/users/${alice.id}`, { role: 'member' }, admin.token)).status).toBe(200)
  // Ended by the time the change is answered (the Users hook, in this process), not at a later
  // session check; their own stream stays.
  expect(realtime(server.payload).hub.streamsOf(alice.id)).toBe(1)
  await watching.closed

  const refused = await stream(promoted.token, ALL)
  await refused.closed
  expect(refused.status).toBe(403)
  own.close()
})

it('refuses the admin scope to a moderator demoted or suspended by another process, though the login is still cached', async () => {
  const { alice, carol } = cast
  for (const [user, email, elsewhere] of [
    [alice, 'alice@test.io', demoteElsewhere],
    [carol, 'carol@test.io', suspendElsewhere],
  ] as const) {
    const promoted = await promote(user, email)
    // A first stream caches the login (AUTH_CACHE_MS) as an admin's.
    const first = await stream(promoted.token, ALL)
    await first.ready()
    first.close()
    await first.closed
    await elsewhere(user.id)
    const refused = await stream(promoted.token, ALL)
    await refused.closed
    // 403 from the database check while the cached login lasts; a suspension's 401 once it ran
    // out (its sessions are dead). Never the 200 the cached admin login alone would give.
    const refusals = elsewhere === suspendElsewhere ? [401, 403] : [403]
    expect([email, refusals.includes(refused.status)]).toEqual([email, true])
  }
  expect(realtime(server.payload).hub.size).toBe(0)
})

it('carries report changes to the admin scope only, live and on resume', async () => {
  const { admin, alice, bob } = cast
  const client = api(server.url)
  const watching = await stream(admin.token, ALL)
  const alices = await stream(alice.token)
  const [ready] = await watching.ready()
  await alices.ready()

  const message = await send(server.url, bob, alice, 'report me')
  const filed = await client.post('/api/reports', { message: message.id, reason: 'spam' }, alice.token)
  expect(filed.status).toBe(201)
  const resolved = await client.post(`/api/reports/${filed.body.doc.id}/resolve`, { action: 'dismiss' }, admin.token)
  expect(resolved.status).toBe(200)

  const reports = (events: SseEvent[]) => events.filter((e) => e.event === 'report.changed').map((e) => parseData(e))
  await watching.waitFor((events) => reports(events).length === 2)
  expect(reports(watching.events)).toEqual([
    { id: filed.body.doc.id, message: message.id, status: 'open', resolution: null },
    { id: filed.body.doc.id, message: message.id, status: 'resolved', resolution: 'dismissed' },
  ])
  // Alice (the reporter) and Bob (the author) never get one; a later message shows their streams are live.
  const later = await send(server.url, bob, alice, 'after the report')
  await alices.waitFor((events) => events.some((e) => e.event === 'message.created' && parseData(e).id === later.id))
  expect(alices.events.map((e) => e.event)).not.toContain('report.changed')

  watching.close()
  const again = await stream(admin.token, { ...ALL, lastEventId: ready.id })
  await again.waitFor((events) => events.some((e) => e.event === 'message.created' && parseData(e).id === later.id))
  expect(reports(again.events).map((r) => r.status)).toEqual(['open', 'resolved'])
})
