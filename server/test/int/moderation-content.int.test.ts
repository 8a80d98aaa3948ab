// Who removed or edited a message (#15): the `message.deleted` event's `by` (live and on replay),
// `editedByModerator`, and the audit entries of moderator edits, removals and room deletions.
import { createLocalReq } from 'payload'
import { describe, expect, it } from 'vitest'

import { markRemoval } from '../../src/db'
import { query, sql } from '../../src/db/sql'
import { latestChangeId, readEvents } from '../helpers/feed'
import { type Cast, send, useServerWithCast } from '../helpers/fixtures'
import type { TestServer } from '../helpers/http-server'
import { entriesAfter as auditAfter, lastEntryId as lastAuditId } from '../helpers/moderation'
import { createRoom, postInRoom } from '../helpers/rooms'
import { openStream, parseData } from '../helpers/sse-client'

let server: TestServer
let cast: Cast
useServerWithCast((s, c) => ((server = s), (cast = c)))

// The `by` of each message.deleted event after `start`, by message id.
async function removals(start: number): Promise<Record<number, string>> {
  const { events } = await readEvents(server.payload, { after: start, limit: 1000 })
  return Object.fromEntries(events.filter((e) => e.type === 'message.deleted').map((e) => [e.data.id, (e.data as { by: string }).by]))
}

const lastEntryId = () => lastAuditId(server.payload)
const entriesAfter = async (id: number) =>
  (await auditAfter(server.payload, id)).map((d) => ({ action: d.action, targetType: d.targetType, targetId: d.targetId, targetLabel: d.targetLabel, before: d.before, after: d.after, actor: d.actor, actorName: d.actorName }))

describe('message.deleted says who removed it', () => {
  it('the sender, a moderator (an admin removing someone else’s), an admin removing their own, and a write with no user', async () => {
    const start = await latestChangeId(server.payload)
    const audit = await lastEntryId()
    const own = await send(server.url, cast.alice, cast.bob, 'mine to remove')
    const moderated = await send(server.url, cast.alice, cast.bob, 'an abusive DM')
    const admins = await send(server.url, cast.admin, cast.bob, 'the admin’s own')
    const raw = await send(server.url, cast.bob, cast.alice, 'removed by an operator')

    expect((await cast.client.del(`/api/messages/${own.id}`, cast.alice.token)).status).toBe(200)
    expect((await cast.client.del(`/api/messages/${moderated.id}`, cast.admin.token)).status).toBe(200)
    expect((await cast.client.del(`/api/messages/${admins.id}`, cast.admin.token)).status).toBe(200)
    // An operator's SQL: no request, no marker.
    await query(server.payload, sql`DELETE FROM messages WHERE id = ${raw.id}`)

    expect(await removals(start)).toEqual({ [own.id]: 'sender', [moderated.id]: 'moderator', [admins.id]: 'sender', [raw.id]: 'moderator' })
    // Only the moderator's removal is in the audit trail, with the content before and the conversation.
    expect(await entriesAfter(audit)).toEqual([
      {
        action: 'message.removed',
        targetType: 'message',
        targetId: moderated.id,
        targetLabel: 'Alice → Bob',
        before: 'an abusive DM',
        after: null,
        actor: cast.admin.id,
        actorName: 'Ada Admin',
      },
    ])
    // The markers are consumed by the deletes.
    const [removalsLeft] = await query(server.payload, sql`SELECT COUNT(*) AS n FROM message_removals`)
    expect(Number(removalsLeft!.n)).toBe(0)
  })

  it('reaches the members live and on replay with the same `by`', async () => {
    const start = await latestChangeId(server.payload)
    const room = await createRoom(server.url, cast.carol, `by-room-${Date.now()}`)
    await cast.client.post(`/api/rooms/${room.id}/members`, { user: cast.bob.id }, cast.carol.token)
    const live = await openStream(server.url, { token: cast.bob.token })
    await live.ready()
    const posted = await postInRoom(server.url, cast.carol, room, 'flagged words')
    const kept = await postInRoom(server.url, cast.carol, room, 'taken back')
    await cast.client.del(`/api/messages/${posted.id}`, cast.admin.token)
    await cast.client.del(`/api/messages/${kept.id}`, cast.carol.token)

    const deletedBy = (events: { event: string; data: string }[]) =>
      events.filter((e) => e.event === 'message.deleted').map((e) => [parseData(e).id, parseData(e).by])
    const expected = [
      [posted.id, 'moderator'],
      [kept.id, 'sender'],
    ]
    const liveEvents = await live.waitFor((events) => deletedBy(events).length === 2)
    live.close()
    expect(deletedBy(liveEvents)).toEqual(expected)

    const replay = await openStream(server.url, { token: cast.bob.token, lastEventId: String(start) })
    const replayed = await replay.waitFor((events) => deletedBy(events).length === 2)
    replay.close()
    expect(deletedBy(replayed)).toEqual(expected)
  })

  it('deleting a room removes its messages as a moderator, with one audit entry for the room', async () => {
    const room = await createRoom(server.url, cast.alice, `doomed-${Date.now()}`)
    const first = await postInRoom(server.url, cast.alice, room, 'one')
    const second = await postInRoom(server.url, cast.alice, room, 'two')
    const start = await latestChangeId(server.payload)
    const audit = await lastEntryId()

    expect((await cast.client.del(`/api/rooms/${room.id}`, cast.admin.token)).status).toBe(200)

    expect(await removals(start)).toEqual({ [first.id]: 'moderator', [second.id]: 'moderator' })
    expect(await entriesAfter(audit)).toEqual([
      { action: 'room.deleted', targetType: 'room', targetId: room.id, targetLabel: room.name, before: null, after: null, actor: cast.admin.id, actorName: 'Ada Admin' },
    ])
  })

  it('deleting a user removes their messages as a moderator, with no entry per message', async () => {
    const temp = await cast.client.signUp('Temp', `temp-${Date.now()}@test.io`)
    const dm = await send(server.url, temp, cast.bob, 'from a user about to go')
    const start = await latestChangeId(server.payload)
    const audit = await lastEntryId()

    expect((await cast.client.del(`/api/users/${temp.id}`, cast.admin.token)).status).toBe(200)

    expect(await removals(start)).toEqual({ [dm.id]: 'moderator' })
    // The user's own entry (user.deleted) is the accounts side's; none of them is per message.
    expect((await entriesAfter(audit)).filter((e) => e.targetType === 'message')).toEqual([])
  })
})

describe('the removal marks do not outlive their delete', () => {
  it('a delete with no user is a moderator’s, even over a marker a failed delete left behind', async () => {
    const message = await send(server.url, cast.alice, cast.bob, 'stale marker')
    const start = await latestChangeId(server.payload)
    // What a sender's delete that failed after its beforeDelete hook leaves.
    await markRemoval(server.payload, message.id, 'sender')
    await server.payload.delete({ collection: 'messages', id: message.id, overrideAccess: true })
    expect(await removals(start)).toEqual({ [message.id]: 'moderator' })
  })

  it('after a room’s deletion, a later removal on the same request is its own moderator action', async () => {
    const room = await createRoom(server.url, cast.alice, `reused-req-${Date.now()}`)
    await postInRoom(server.url, cast.alice, room, 'goes with the room')
    const dm = await send(server.url, cast.alice, cast.bob, 'removed afterwards')
    const admin = await server.payload.findByID({ collection: 'users', id: cast.admin.id, overrideAccess: true })
    const req = await createLocalReq({ user: { ...admin, collection: 'users' } }, server.payload)
    const audit = await lastEntryId()

    await server.payload.delete({ collection: 'rooms', id: room.id, overrideAccess: false, req })
    await server.payload.delete({ collection: 'messages', id: dm.id, overrideAccess: false, req })

    expect((await entriesAfter(audit)).map((e) => [e.action, e.targetId])).toEqual([
      ['room.deleted', room.id],
      ['message.removed', dm.id],
    ])
  })
})

describe('a moderator’s edit', () => {
  it('is marked as the moderator’s (field, stream event, audit entry) until the sender edits again', async () => {
    const message = await send(server.url, cast.alice, cast.bob, 'what Alice wrote')
    const start = await latestChangeId(server.payload)
    const audit = await lastEntryId()

    const edited = await cast.client.patch(`/api/messages/${message.id}`, { content: 'what a moderator wrote' }, cast.admin.token)
    expect(edited.status).toBe(200)
    expect(edited.body.doc.editedByModerator).toBe(true)
    // A client cannot set or clear the mark itself.
    const forged = await cast.client.patch(`/api/messages/${message.id}`, { editedByModerator: false }, cast.alice.token)
    expect(forged.body.doc?.editedByModerator).toBe(true)
    const own = await cast.client.patch(`/api/messages/${message.id}`, { content: 'Alice again' }, cast.alice.token)
    expect(own.body.doc.editedByModerator).toBe(false)

    const { events } = await readEvents(server.payload, { after: start, limit: 100 })
    // Events show the message as it is now: replayed after the sender's edit, none is the moderator's.
    expect(events.filter((e) => e.type === 'message.updated').map((e) => (e.data as { editedByModerator: boolean }).editedByModerator)).toEqual([false, false, false])
    expect(await entriesAfter(audit)).toEqual([
      {
        action: 'message.edited',
        targetType: 'message',
        targetId: message.id,
        targetLabel: 'Alice → Bob',
        before: 'what Alice wrote',
        after: 'what a moderator wrote',
        actor: cast.admin.id,
        actorName: 'Ada Admin',
      },
    ])
  })

  it('cannot be claimed by a new message: 400 for a client, false for server code', async () => {
    const start = await latestChangeId(server.payload)
    for (const user of [cast.alice, cast.admin]) {
      const forged = await cast.client.post('/api/messages', { receiver: cast.bob.id, content: 'I was edited, honest', editedByModerator: true }, user.token)
      expect([forged.status, forged.body.errors?.[0]?.message]).toEqual([400, expect.stringContaining('"editedByModerator" is set by the server')])
    }
    expect((await readEvents(server.payload, { after: start, limit: 100 })).events).toEqual([])
    // The form's default says nothing and is accepted.
    const plain = await cast.client.post('/api/messages', { receiver: cast.bob.id, content: 'plain', editedByModerator: false }, cast.alice.token)
    expect([plain.status, plain.body.doc.editedByModerator]).toEqual([201, false])
    const seeded = await server.payload.create({
      collection: 'messages',
      data: { sender: cast.alice.id, receiver: cast.bob.id, content: 'from a script', editedByModerator: true },
      overrideAccess: true,
    })
    expect((await server.payload.findByID({ collection: 'messages', id: seeded.id, overrideAccess: true })).editedByModerator).toBe(false)
  })

  it('reaches the stream live with editedByModerator', async () => {
    const message = await send(server.url, cast.alice, cast.bob, 'live original')
    const stream = await openStream(server.url, { token: cast.bob.token })
    await stream.ready()
    await cast.client.patch(`/api/messages/${message.id}`, { content: 'live moderated' }, cast.admin.token)
    const events = await stream.waitFor((all) => all.some((e) => e.event === 'message.updated'))
    stream.close()
    const updated = parseData(events.find((e) => e.event === 'message.updated')!)
    expect([updated.id, updated.content, updated.editedByModerator]).toEqual([message.id, 'live moderated', true])
  })

  it('of an admin’s own message is the author’s: no mark, no entry', async () => {
    const message = await send(server.url, cast.admin, cast.bob, 'admin typo')
    const audit = await lastEntryId()
    const edited = await cast.client.patch(`/api/messages/${message.id}`, { content: 'admin fixed' }, cast.admin.token)
    expect(edited.body.doc.editedByModerator).toBe(false)
    expect(await entriesAfter(audit)).toEqual([])
  })
})
