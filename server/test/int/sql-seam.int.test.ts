// The raw-SQL seam (src/db/sql.ts) on the adapter the run uses: values are parameters, rows are
// plain objects, writes say how many rows they changed, the dialect's helpers give one answer on
// either database, and a request's statements run in its transaction while payload's do not.
import { createLocalReq, getPayload, type Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { dialectOf, list, query, run, sql } from '../../src/db/sql'
import { env } from '../../src/env'
import config from '../../src/payload.config'
import { onPostgres } from '../helpers/test-env'

// Not the default (10), so the pool test below sees the setting taken, not pg's own default.
vi.hoisted(() => {
  process.env.PG_POOL_MAX = '7'
})

let payload: Payload
let ids: number[]

beforeAll(async () => {
  payload = await getPayload({ config })
  ids = []
  for (const name of ["O'Brien; DROP TABLE users; --", 'Bea', 'Cy']) {
    const user = await payload.create({
      collection: 'users',
      data: { name, role: 'member', email: `user${ids.length}@seam.test`, password: 'password-123' },
      overrideAccess: true,
    })
    ids.push(Number(user.id))
  }
})
afterAll(async () => payload?.destroy())

// The statements below run on SQLite by default and on PostgreSQL when the run points there.
const nameOf = async (id: number) => (await query(payload, sql`SELECT name FROM users WHERE id = ${id}`))[0]?.name

describe('the SQL seam', () => {
  it('names the dialect of the adapter in use', () => {
    expect(dialectOf(payload)).toBe(process.env.DATABASE_URI?.startsWith('postgres') ? 'postgres' : 'sqlite')
  })

  it('binds values as parameters and reads rows as plain objects of their columns', async () => {
    const rows = await query(payload, sql`SELECT id, name FROM users WHERE name = ${"O'Brien; DROP TABLE users; --"}`)
    expect(rows).toEqual([{ id: ids[0], name: "O'Brien; DROP TABLE users; --" }])
    expect(Object.keys(rows[0]!)).toEqual(['id', 'name'])
    const listed = await query(payload, sql`SELECT id FROM users WHERE id IN (${list([ids[1], ids[2], 999_999])}) ORDER BY id`)
    expect(listed.map((row) => Number(row.id))).toEqual([ids[1], ids[2]])
  })

  it('answers how many rows a write changed: none when nothing matched', async () => {
    expect(await run(payload, sql`UPDATE users SET name = name || '!' WHERE id IN (${list([ids[1], ids[2]])})`)).toBe(2)
    expect(await run(payload, sql`UPDATE users SET name = 'x' WHERE id = ${999_999}`)).toBe(0)
    expect(await nameOf(ids[1]!)).toBe('Bea!')
  })

  it("gives the dialect's helpers, which answer the same on either database", async () => {
    const [row] = await query(payload, ({ greatest, least, isoDate }) => sql`SELECT ${greatest(sql`${3}`, sql`${7}`, sql`${5}`)} AS g,
        ${least(sql`${3}`, sql`${7}`, sql`${5}`)} AS l, ${isoDate(sql`created_at`)} AS created FROM users WHERE id = ${ids[0]}`)
    const stored = await payload.findByID({ collection: 'users', id: ids[0]!, overrideAccess: true })
    expect({ g: Number(row!.g), l: Number(row!.l), created: row!.created }).toEqual({ g: 7, l: 3, created: stored.createdAt })
  })

  it("runs a request's statements in its transaction, and payload's outside it", async () => {
    const req = await createLocalReq({}, payload)
    const adapter = payload.db as unknown as { drizzle: { transaction(f: (tx: unknown) => Promise<void>): Promise<void> }; sessions: Record<string, unknown> }
    const rolledBack = new Error('roll back')
    // A transaction registered as Payload registers its own (adapter.sessions[id].db).
    await expect(
      adapter.drizzle.transaction(async (tx) => {
        adapter.sessions['seam-test'] = { db: tx }
        req.transactionID = 'seam-test'
        expect(await run(req, sql`UPDATE users SET name = 'renamed' WHERE id = ${ids[2]}`)).toBe(1)
        expect((await query(req, sql`SELECT name FROM users WHERE id = ${ids[2]}`))[0]?.name).toBe('renamed')
        expect(await nameOf(ids[2]!)).toBe('Cy!')
        throw rolledBack
      }),
    ).rejects.toBe(rolledBack)
    delete adapter.sessions['seam-test']
    expect(await nameOf(ids[2]!)).toBe('Cy!')
  })
})

describe.skipIf(!onPostgres)('the PostgreSQL pool', () => {
  it('holds at most PG_POOL_MAX connections (the connection budget in docs/scaling.md)', () => {
    const pool = (payload.db as unknown as { pool: { options: { max?: number } } }).pool
    expect(pool.options.max).toBe(env.postgres.poolMax)
    expect(env.postgres.poolMax).toBe(7)
  })
})
