// The general room: on every installation from its first start (also when two processes start
// at once on a new database), every user joins it on sign-up, and an upgraded database's users
// join it once.
import { afterAll, describe, expect, it } from 'vitest'

import { GENERAL_ROOM } from '../../src/db/postgres/feed-schema'
import { api } from '../helpers/api'
import { connectElsewhere } from '../helpers/external-sql.mjs'
import { startTestServer, type TestServer } from '../helpers/http-server'
import { spawnServer } from '../helpers/server-process'
import { onPostgres } from '../helpers/test-env'
import * as generalRoom from '../../src/migrations/20261129_135900_general_room'

let server: TestServer | undefined
afterAll(async () => server?.close())

// A connection of its own, as another process would open (SQLite file or PostgreSQL database).
async function select(sql: string): Promise<Array<Record<string, unknown>>> {
  const db = await connectElsewhere(process.env.DATABASE_URI!)
  try {
    return await db.execute(sql)
  } finally {
    await db.close()
  }
}
const generalRooms = async () => (await select("SELECT id, name, visibility FROM rooms WHERE system_key = 'general'")).map((r) => ({ ...r, id: Number(r.id) }))
const generalMembers = async () =>
  (
    await select(
      "SELECT u.name FROM room_memberships m JOIN rooms r ON r.id = m.room_id JOIN users u ON u.id = m.user_id WHERE r.system_key = 'general' ORDER BY u.id",
    )
  ).map((r) => r.name)

describe('the general room', () => {
  it('exists from the first start, before anyone signs up', async () => {
    const first = await spawnServer()
    await first.stop()
    expect(await generalRooms()).toEqual([{ id: expect.any(Number), name: 'general', visibility: 'public' }])
    expect(await generalMembers()).toEqual([])
  }, 180_000)

  it('stays one room when the server starts again, and every new user joins it, the first one too', async () => {
    server = await startTestServer()
    expect(await generalRooms()).toHaveLength(1)
    const client = api(server.url)
    const admin = await client.signUp('Ada Admin', 'admin@test.io')
    const alice = await client.signUp('Alice', 'alice@test.io')
    expect(await generalMembers()).toEqual(['Ada Admin', 'Alice'])
    const [general] = (await client.get('/api/rooms', alice.token)).body.rooms.filter((r: any) => r.name === 'general')
    expect(general).toMatchObject({ visibility: 'public', isMember: true, role: 'member', memberCount: 2 })
    // Created by an admin too.
    const created = await client.post('/api/users', { name: 'Bob', email: 'bob@test.io', password: 'password-123' }, admin.token)
    expect(created.status).toBe(201)
    expect(await generalMembers()).toEqual(['Ada Admin', 'Alice', 'Bob'])
    // Nobody names a room "general" into being the system one.
    const copy = await client.post('/api/rooms', { name: 'general', systemKey: 'general' }, alice.token)
    expect(copy.status).toBe(201)
    expect(await generalRooms()).toHaveLength(1)
    // It boots a server (migrations included) inside the test: slow on a loaded machine, not hung.
  }, 120_000)

  // The SQLite migration's down and up on a database with users (an old file upgraded);
  // PostgreSQL's first migration has the room from the start.
  it.skipIf(onPostgres)('an upgraded database’s users join it once', async () => {
    const payload = server!.payload
    // Back to before the migration (users exist, no general room), then up again: the upgrade.
    await generalRoom.down({ db: payload.db.drizzle, payload, req: {} } as never)
    // Only Alice's own room called "general" is left.
    expect(Number((await select("SELECT COUNT(*) AS n FROM room_memberships m JOIN rooms r ON r.id = m.room_id WHERE r.name = 'general'"))[0]!.n)).toBe(1)
    await generalRoom.up({ db: payload.db.drizzle, payload, req: {} } as never)
    expect(await generalMembers()).toEqual(['Ada Admin', 'Alice', 'Bob'])
  })

  it('running the migration’s inserts again adds nothing, twice at once from two connections', async () => {
    const first = await generalRooms()
    // Two processes starting at the same moment, each running the inserts of its database's migration.
    const statements = onPostgres ? [GENERAL_ROOM] : generalRoom.ADD_GENERAL_ROOM
    const [one, two] = await Promise.all([connectElsewhere(process.env.DATABASE_URI!), connectElsewhere(process.env.DATABASE_URI!)])
    try {
      await Promise.all([one, two].map(async (db) => {
        for (const statement of statements) await db.execute(statement)
      }))
    } finally {
      await Promise.all([one.close(), two.close()])
    }
    expect(await generalRooms()).toEqual(first)
    expect(await generalMembers()).toEqual(['Ada Admin', 'Alice', 'Bob'])
  })
})
