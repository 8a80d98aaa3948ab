// Per-room notification level: `mentions` for every new membership (creating, joining, being
// added, `general` on sign-up), changed by the member with POST /api/rooms/:id/notify; existing
// levels survive the migration that changed the column's default.
import type { MigrateUpArgs } from '@payloadcms/db-sqlite'
import { describe, expect, it } from 'vitest'

import { query, sql } from '../../src/db/sql'
import * as notifyDefault from '../../src/migrations/20261129_170031_notify_default'
import { type Actor, type Cast, useServerWithCast } from '../helpers/fixtures'
import type { TestServer } from '../helpers/http-server'
import { createRoom } from '../helpers/rooms'
import { onPostgres } from '../helpers/test-env'

let server: TestServer
let cast: Cast
useServerWithCast((s, c) => ((server = s), (cast = c)))

const roomsOf = async (actor: Actor) => (await cast.client.get('/api/rooms', actor.token)).body.rooms as Array<{ id: number; name: string; notify: string | null }>
const levelIn = async (actor: Actor, room: number) => (await roomsOf(actor)).find((r) => r.id === room)?.notify
const setLevel = (actor: Actor | null, room: number | string, body: unknown) =>
  cast.client.post(`/api/rooms/${room}/notify`, body, actor?.token)

describe('notification level', () => {
  it('is mentions for every new membership, null for rooms you are not in', async () => {
    const { client, alice, bob, carol } = cast
    const room = await createRoom(server.url, alice, 'book club')
    expect((await client.post(`/api/rooms/${room.id}/join`, {}, bob.token)).status).toBe(200)
    expect((await client.post(`/api/rooms/${room.id}/members`, { user: carol.id }, alice.token)).status).toBe(201)
    for (const member of [alice, bob, carol]) expect(await levelIn(member, room.id)).toBe('mentions')
    expect((await roomsOf(bob)).find((r) => r.name === 'general')?.notify).toBe('mentions')
    const other = await createRoom(server.url, bob, 'not for alice')
    expect(await levelIn(alice, other.id)).toBeNull()
  })

  it('is set by the member for themself: 200 with the room as they see it', async () => {
    const { alice, bob } = cast
    const room = await createRoom(server.url, alice, 'loud room')
    await cast.client.post(`/api/rooms/${room.id}/join`, {}, bob.token)
    for (const notify of ['all', 'none', 'mentions', 'all']) {
      const res = await setLevel(bob, room.id, { notify })
      expect(res.status).toBe(200)
      expect(res.body.room).toMatchObject({ id: room.id, notify, isMember: true })
    }
    expect(await levelIn(bob, room.id)).toBe('all')
    // Alice's own level is hers alone.
    expect(await levelIn(alice, room.id)).toBe('mentions')
  })

  it('refuses non-members, rooms you cannot see and bad levels, changing nothing', async () => {
    const { alice, carol } = cast
    const open = await createRoom(server.url, alice, 'open room')
    const secret = await createRoom(server.url, alice, 'secret room', 'private')
    const refusals: Array<[Actor | null, number | string, unknown, number]> = [
      [carol, open.id, { notify: 'all' }, 403],
      [carol, secret.id, { notify: 'all' }, 404],
      [carol, 999_999, { notify: 'all' }, 404],
      [alice, 'abc', { notify: 'all' }, 400],
      [alice, open.id, { notify: 'loud' }, 400],
      [alice, open.id, { notify: null }, 400],
      [alice, open.id, {}, 400],
      [alice, open.id, { notify: 'all', extra: true }, 400],
      [alice, open.id, ['all'], 400],
      [null, open.id, { notify: 'all' }, 401],
    ]
    for (const [actor, room, body, status] of refusals) {
      const res = await setLevel(actor, room, body)
      expect(res.status, `${actor?.user.name} ${room} ${JSON.stringify(body)}`).toBe(status)
      expect(res.body.errors[0].message).toEqual(expect.any(String))
    }
    expect(await levelIn(alice, open.id)).toBe('mentions')
    expect(await levelIn(carol, open.id)).toBeNull()
  })

  // The upgrade of an old SQLite file (its migration rebuilds the table); PostgreSQL's baseline has
  // the default from the start: the test after this one checks it on both.
  it.skipIf(onPostgres)('keeps existing levels through the default change, and the feed still sees joins after it', async () => {
    const { alice, bob } = cast
    const room = await createRoom(server.url, alice, 'old room')
    await query(server.payload, sql`UPDATE room_memberships SET notify = 'all' WHERE room_id = ${room.id}`)
    const drizzle = server.payload.db.drizzle as unknown as MigrateUpArgs['db']
    await notifyDefault.down({ db: drizzle } as MigrateUpArgs)
    await notifyDefault.up({ db: drizzle } as MigrateUpArgs)
    expect(await levelIn(alice, room.id)).toBe('all')

    expect((await cast.client.post(`/api/rooms/${room.id}/join`, {}, bob.token)).status).toBe(200)
    const rows = await query(server.payload, sql`SELECT kind, user_id FROM message_changes WHERE room_id = ${room.id} ORDER BY id`)
    expect(rows.map((r) => [r.kind, Number(r.user_id)])).toEqual([
      ['room.member.joined', alice.id],
      ['room.member.joined', bob.id],
    ])
  })

  it("gives a membership written without a level the column's own default", async () => {
    const room = await createRoom(server.url, cast.alice, 'raw membership')
    await query(server.payload, sql`INSERT INTO room_memberships (room_id, user_id, role) VALUES (${room.id}, ${cast.carol.id}, 'member')`)
    expect(await levelIn(cast.carol, room.id)).toBe('mentions')
  })
})
