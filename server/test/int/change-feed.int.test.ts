// The change feed itself: every writer is caught, one row per change, ids in commit order.
import { describe, expect, it } from 'vitest'

import { changeFeedOf } from '../../src/db'
import { query, sql } from '../../src/db/sql'
import { sqliteClient } from '../../src/db/client'
import { postgresPool } from '../../src/db/postgres/client'
import { readQuery as postgresReadQuery } from '../../src/db/postgres/feed-read'
import { readQuery } from '../../src/db/sqlite/feed-events'
import { latestChangeId, readChanges, readEvents } from '../helpers/feed'
import { type Cast, send, useServerWithCast } from '../helpers/fixtures'
import type { TestServer } from '../helpers/http-server'
import { onPostgres } from '../helpers/test-env'
import { writeFromAnotherProcess } from '../helpers/write-from-another-process'
import { addMember, createRoom, postToRoom, removeMember, renameRoom } from '../helpers/feed-rooms'

let server: TestServer
let cast: Cast
useServerWithCast((s, c) => ((server = s), (cast = c)))

describe('change rows', () => {
  it('are written for every create, edit and delete, whoever writes', async () => {
    const start = await latestChangeId(server.payload)
    const viaRest = await send(server.url, cast.alice, cast.bob, 'rest')
    await cast.client.patch(`/api/messages/${viaRest.id}`, { content: 'rest edited' }, cast.alice.token)
    const viaLocal = await server.payload.create({
      collection: 'messages',
      data: { sender: cast.bob.id, receiver: cast.alice.id, content: 'local api' },
      overrideAccess: true,
    })
    await server.payload.delete({ collection: 'messages', id: viaLocal.id, overrideAccess: true })
    await cast.client.del(`/api/messages/${viaRest.id}`, cast.admin.token)
    await writeFromAnotherProcess({ sender: cast.carol.id, receiver: cast.alice.id, count: 1, prefix: 'raw sql' })

    const rows = await readChanges(server.payload, { after: start, limit: 100 })
    expect(rows.map((r) => [r.kind, r.senderId, r.receiverId])).toEqual([
      ['created', cast.alice.id, cast.bob.id],
      ['updated', cast.alice.id, cast.bob.id],
      ['created', cast.bob.id, cast.alice.id],
      ['deleted', cast.bob.id, cast.alice.id],
      ['deleted', cast.alice.id, cast.bob.id],
      ['created', cast.carol.id, cast.alice.id],
    ])
    expect(rows.slice(0, 2).every((r) => r.messageId === viaRest.id)).toBe(true)
  })

  it('are not written by a write that fails', async () => {
    const start = await latestChangeId(server.payload)
    const bad = await cast.client.post('/api/messages', { receiver: 424242, content: 'x' }, cast.alice.token)
    expect(bad.status).toBe(400)
    expect(await readChanges(server.payload, { after: start, limit: 10 })).toEqual([])
  })

  // 500 writes from five writers: minutes on a loaded machine; the test asserts order, never speed.
  it('follow commit order under concurrent writers in several processes', async () => {
    const start = await latestChangeId(server.payload)
    // A reader following the feed by cursor as fast as it can while the writers run: if any id
    // became visible after a larger one had been read, the reader would skip it for ever.
    const seen: number[] = []
    let cursor = start
    let writing = true
    const reader = (async () => {
      // The poller's own read (on PostgreSQL it sequences what it may, never waits).
      const feed = changeFeedOf(server.payload)
      while (writing) {
        const batch = await feed.read({ after: cursor, limit: 50 })
        for (const event of batch.events) seen.push(event.id)
        if (batch.through !== null) cursor = batch.through
        await new Promise((resolve) => setImmediate(resolve))
      }
    })()

    await Promise.all([
      ...[0, 1, 2, 3].map((p) => writeFromAnotherProcess({ sender: cast.carol.id, receiver: cast.bob.id, count: 100, prefix: `process ${p}` })),
      (async () => {
        for (let i = 0; i < 100; i++) await send(server.url, cast.alice, cast.bob, `in-process ${i}`)
      })(),
    ])
    writing = false
    await reader
    for (const row of await readChanges(server.payload, { after: cursor, limit: 1000 })) seen.push(row.id)

    const all = await readChanges(server.payload, { after: start, limit: 1000 })
    expect(all).toHaveLength(500)
    expect(seen).toEqual(all.map((r) => r.id))
    const messageIds = all.map((r) => Number(r.messageId))
    expect(new Set(messageIds).size).toBe(500)
    // SQLite: message ids are allocated in the same transactions, one writer at a time, so the two
    // orders agree. PostgreSQL allocates ids at insert and orders the feed by commit (a
    // transaction that took a smaller id may commit later): there only the no-skip check above holds.
    if (!onPostgres) expect(messageIds).toEqual([...messageIds].sort((a, b) => a - b))
  }, 120_000)
})

describe('room change rows', () => {
  it('are written for room messages, joins, leaves and room updates, in the one sequence', async () => {
    const { alice, bob, carol } = cast
    const start = await latestChangeId(server.payload)
    const room = await createRoom(server.payload, { name: 'feed-room', members: [alice.id, bob.id] })
    const dm = await send(server.url, alice, bob, 'a DM between room changes')
    const posted = await postToRoom(server.payload, { sender: alice.id, room: room.id, content: 'hi @Bob', mentions: [bob.id] })
    await renameRoom(server.payload, room.id, 'feed-room renamed')
    // Payload writes every column on an update: one that changes nothing members see is no event.
    await server.payload.update({ collection: 'rooms', id: room.id, data: { name: 'feed-room renamed' }, overrideAccess: true })
    await addMember(server.payload, room.id, carol.id)
    await removeMember(server.payload, room.id, bob.id)
    await server.payload.delete({ collection: 'messages', id: posted, overrideAccess: true })

    const { rows, events } = await readEvents(server.payload, { after: start, limit: 100 })
    expect(rows.map((r) => [r.kind, r.roomId, r.userId ?? r.senderId])).toEqual([
      ['room.member.joined', room.id, alice.id],
      ['room.member.joined', room.id, bob.id],
      ['created', null, alice.id],
      ['created', room.id, alice.id],
      ['room.updated', room.id, null],
      ['room.member.joined', room.id, carol.id],
      ['room.member.left', room.id, bob.id],
      ['deleted', room.id, alice.id],
    ])
    // Ids continue the DM sequence, in order (PostgreSQL's positions may have gaps: not numbers).
    const ids = rows.map((r) => r.id)
    expect(ids[0]).toBeGreaterThan(start)
    expect(ids).toEqual([...ids].sort((a, b) => a - b))
    expect(new Set(ids).size).toBe(ids.length)
    expect(rows[2].messageId).toBe(dm.id)

    // Each event names the room as it was when committed: the rename is its own event.
    const roomRef = { id: room.id, name: 'feed-room' }
    expect(events.map((e) => [e.type, e.audience])).toEqual([
      ['room.member.joined', [`room:${room.id}`, `user:${alice.id}`]],
      ['room.member.joined', [`room:${room.id}`, `user:${bob.id}`]],
      ['message.created', [`user:${alice.id}`, `user:${bob.id}`]],
      // The room message itself is deleted by now: no event, its delete follows.
      ['room.updated', [`room:${room.id}`]],
      ['room.member.joined', [`room:${room.id}`, `user:${carol.id}`]],
      ['room.member.left', [`room:${room.id}`, `user:${bob.id}`]],
      ['message.deleted', [`room:${room.id}`]],
    ])
    expect(events[1].data).toEqual({ room: roomRef, user: { id: bob.id, name: 'Bob' } })
    expect(events[3].data).toEqual({ id: room.id, name: 'feed-room renamed', topic: null, visibility: 'public' })
    expect(events[5].data).toEqual({ room: { id: room.id, name: 'feed-room renamed' }, user: { id: bob.id, name: 'Bob' } })
    // Deleted by server code with no user (no marker for the trigger): not the sender's own act.
    expect(events[6].data).toEqual({ id: posted, sender: alice.id, receiver: null, room: room.id, by: 'moderator' })
  })

  it('carry a room message as REST would: room {id, name}, no receiver, mentions as ids', async () => {
    const { alice, bob, carol } = cast
    const room = await createRoom(server.payload, { name: 'shape', members: [alice.id, bob.id, carol.id] })
    const start = await latestChangeId(server.payload)
    const id = await postToRoom(server.payload, { sender: alice.id, room: room.id, content: 'hello @Carol @Bob', mentions: [carol.id, bob.id] })
    const { events } = await readEvents(server.payload, { after: start, limit: 10 })
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({
      type: 'message.created',
      audience: [`room:${room.id}`],
      data: {
        id,
        sender: { id: alice.id, name: 'Alice' },
        receiver: null,
        room: { id: room.id, name: 'shape' },
        content: 'hello @Carol @Bob',
        mentions: [carol.id, bob.id],
        mentionsRoom: false,
      },
    })
  })

  it('keep the room name on a leave, for a room deleted right after (memberships first, then the room)', async () => {
    const { alice } = cast
    const room = await createRoom(server.payload, { name: 'doomed', members: [alice.id] })
    const start = await latestChangeId(server.payload)
    await removeMember(server.payload, room.id, alice.id)
    await server.payload.delete({ collection: 'rooms', id: room.id, overrideAccess: true })
    const { events } = await readEvents(server.payload, { after: start, limit: 10 })
    expect(events.map((e) => [e.type, e.data])).toEqual([
      ['room.member.left', { room: { id: room.id, name: 'doomed' }, user: { id: alice.id, name: 'Alice' } }],
    ])
  })

  it('for one user: their DMs, their own membership changes, and room changes while they were a member', async () => {
    const { alice, bob, carol } = cast
    const room = await createRoom(server.payload, { name: 'periods', members: [alice.id] })
    const start = await latestChangeId(server.payload)
    const post = (content: string) => postToRoom(server.payload, { sender: alice.id, room: room.id, content })
    await post('before carol')
    await addMember(server.payload, room.id, carol.id)
    await post('while carol 1')
    await addMember(server.payload, room.id, bob.id)
    await removeMember(server.payload, room.id, carol.id)
    await post('after carol left')
    await send(server.url, alice, bob, 'not for carol')
    await addMember(server.payload, room.id, carol.id)
    await post('carol is back')

    const forCarol = await readEvents(server.payload, { after: start, limit: 100, userId: carol.id })
    expect(forCarol.events.map((e) => [e.type, 'content' in e.data ? e.data.content : 'user' in e.data ? e.data.user.name : null])).toEqual([
      ['room.member.joined', 'Carol'],
      ['message.created', 'while carol 1'],
      ['room.member.joined', 'Bob'],
      ['room.member.left', 'Carol'],
      ['room.member.joined', 'Carol'],
      ['message.created', 'carol is back'],
    ])
    const feed = changeFeedOf(server.payload)
    expect(await feed.count({ after: start, userId: carol.id, atMost: 100 })).toBe(6)
    expect(await feed.count({ after: start, userId: carol.id, atMost: 4 })).toBe(4)
    // The poller reads them all, and the members at any position are those the feed says.
    const all = await readChanges(server.payload, { after: start, limit: 100 })
    const leftAt = all.find((r) => r.kind === 'room.member.left')!.id
    const membersOfRoom = async (cursor: number) =>
      (await feed.membersAt(cursor)).filter((m) => m.roomId === room.id).map((m) => m.userId).sort()
    expect(await membersOfRoom(start)).toEqual([alice.id])
    expect(await membersOfRoom(leftAt - 1)).toEqual([alice.id, bob.id, carol.id].sort())
    expect(await membersOfRoom(leftAt)).toEqual([alice.id, bob.id].sort())
    expect(await membersOfRoom(await latestChangeId(server.payload))).toEqual([alice.id, bob.id, carol.id].sort())
  })

  it('end one membership and start another when a row is edited to another room (the admin panel could)', async () => {
    const { alice } = cast
    const from = await createRoom(server.payload, { name: 'from', members: [alice.id] })
    const to = await createRoom(server.payload, { name: 'to' })
    const start = await latestChangeId(server.payload)
    await query(server.payload, sql`UPDATE room_memberships SET room_id = ${to.id} WHERE room_id = ${from.id} AND user_id = ${alice.id}`)
    // An edit that moves nothing is no event.
    await query(server.payload, sql`UPDATE room_memberships SET role = 'owner' WHERE room_id = ${to.id}`)
    const rows = await readChanges(server.payload, { after: start, limit: 10 })
    expect(rows.map((r) => [r.kind, r.roomId, r.userId])).toEqual([
      ['room.member.left', from.id, alice.id],
      ['room.member.joined', to.id, alice.id],
    ])
    const members = await changeFeedOf(server.payload).membersAt(await latestChangeId(server.payload))
    expect(members.filter((m) => m.roomId === from.id || m.roomId === to.id)).toEqual([{ roomId: to.id, userId: alice.id }])
  })

  it('keep membership over time through a prune, but for stays that ended before the oldest stored change', async () => {
    const { alice, bob } = cast
    const room = await createRoom(server.payload, { name: 'pruned', members: [alice.id, bob.id] })
    await removeMember(server.payload, room.id, bob.id)
    // A change after the leave: PostgreSQL's prune keeps the latest change (its position never goes
    // back), SQLite's remembers the last id; either way Bob's stay ended before what is left.
    await send(server.url, alice, bob, 'after the leave')
    await latestChangeId(server.payload)
    const periods = async () =>
      (await query(server.payload, sql`SELECT user_id, left_change FROM room_member_periods WHERE room_id = ${room.id} ORDER BY id`)).map(
        (r) => [Number(r.user_id), r.left_change === null ? 'member' : 'left'],
      )
    expect(await periods()).toEqual([
      [alice.id, 'member'],
      [bob.id, 'left'],
    ])
    await changeFeedOf(server.payload).prune(-1)
    expect(await periods()).toEqual([[alice.id, 'member']])
    expect((await changeFeedOf(server.payload).membersAt(await latestChangeId(server.payload))).filter((m) => m.roomId === room.id)).toEqual([
      { roomId: room.id, userId: alice.id },
    ])
  })

  // SQLite's own query plan (EXPLAIN QUERY PLAN's wording); PostgreSQL's: the test after this one.
  it.skipIf(onPostgres)('are read with the primary key and one index probe per room change, not a scan', async () => {
    const { rows } = await sqliteClient(server.payload).execute({
      sql: `EXPLAIN QUERY PLAN ${readQuery({ after: 0, limit: 10, userId: cast.alice.id }).sql}`,
      args: readQuery({ after: 0, limit: 10, userId: cast.alice.id }).args,
    })
    const plan = rows.map((row) => String(row.detail))
    expect(plan).toContainEqual(expect.stringMatching(/SEARCH c USING INTEGER PRIMARY KEY \(rowid>\?\)/))
    expect(plan).toContainEqual(expect.stringMatching(/SEARCH p USING INDEX room_member_periods_room_user_idx \(room_id=\? AND user_id=\? AND joined_change<\?\)/))
    // A message's reactions: an index probe by message on reactions (either index that starts with
    // it), then a scan of only those rows.
    expect(plan).toContainEqual(expect.stringMatching(/SEARCH reactions USING (COVERING )?INDEX (reactions_message_idx|message_user_emoji_idx) \(message_id=\?/))
    // No table is scanned (mentions and attachments are in the message row).
    const tables = ['message_changes', 'messages', 'users', 'rooms', 'room_member_periods', 'reactions', 'c', 'm', 'q', 'qs', 's', 'r', 'u', 'g', 'p', 'later']
    expect(plan.filter((line) => tables.some((table) => line.startsWith(`SCAN ${table}`)))).toEqual([])
  })
  // PostgreSQL's plan for the same read. On a test's small tables the planner would scan anyway:
  // with sequential scans priced out, a `Seq Scan` is left only where no index serves the probe.
  it.runIf(onPostgres)('on PostgreSQL: read by position and one periods index probe per room change, not a scan', async () => {
    const client = await postgresPool(server.payload).connect()
    try {
      await client.query('BEGIN')
      await client.query('SET LOCAL enable_seqscan = off')
      const { text, values } = postgresReadQuery({ after: 0, limit: 10, userId: cast.alice.id })
      const plan = (await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${text}`, values)).rows.map((row) => row['QUERY PLAN'])
      await client.query('ROLLBACK')
      expect(plan).toContainEqual(expect.stringMatching(/Index Scan using message_changes_position_idx on message_changes c/))
      expect(plan).toContainEqual(expect.stringMatching(/Index (Only )?Scan using room_member_periods_room_user_idx on room_member_periods p/))
      expect(plan).toContainEqual(expect.stringMatching(/(reactions_message_idx|message_user_emoji_idx)/))
      expect(plan.filter((line) => /Seq Scan/.test(line))).toEqual([])
    } finally {
      client.release()
    }
  })
})
