// A write's sequencing on PostgreSQL gives way to nobody: while another process's batch holds
// the sequencer's lock (here a test connection holds it), the write's rows stay unnumbered and
// nothing is read; once the holder lets go, the write's own run (waiting for the lock, not giving
// up on a miss) numbers them, with no reader or poll involved, each once.
import pg from 'pg'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest'

import { SEQUENCER_LOCK, sequenceSoon } from '../../src/db/postgres/sequencer'
import { createTestDatabase } from '../helpers/postgres'

const server = inject('postgresUrl')
if (server) process.env.DATABASE_URI = await createTestDatabase(server)

describe.skipIf(!server)('a write sequenced while another batch holds the lock', () => {
  let payload: Payload
  let pool: pg.Pool
  let alice: number
  let bob: number

  beforeAll(async () => {
    const { getPayload } = await import('payload')
    const config = (await import('../../src/payload.config')).default
    payload = await getPayload({ config })
    pool = new pg.Pool({ connectionString: process.env.DATABASE_URI, max: 4 })
    const user = async (name: string) =>
      Number((await pool.query(`INSERT INTO users (name, email) VALUES ($1, $2) RETURNING id`, [name, `${name}@example.com`])).rows[0].id)
    alice = await user('alice')
    bob = await user('bob')
  })

  afterAll(async () => {
    await pool?.end()
    await payload?.destroy()
  })

  const positionsOf = async (content: string) =>
    (
      await pool.query(
        `SELECT c.position FROM message_changes c JOIN messages m ON m.id = c.message_id WHERE m.content = $1 AND c.kind = 'created'`,
        [content],
      )
    ).rows.map((row) => row.position)

  it('is numbered once the holder lets go, without any read', async () => {
    const errors: unknown[] = []
    const holder = await pool.connect()
    try {
      await holder.query('SELECT pg_advisory_lock($1)', [SEQUENCER_LOCK])
      await pool.query(`INSERT INTO messages (sender_id, receiver_id, content) VALUES ($1, $2, 'while held')`, [alice, bob])
      sequenceSoon(pool, (error) => errors.push(error))
      // The write's run is waiting for the lock (a session waiting on an advisory lock).
      await vi.waitFor(
        async () => {
          const { rows } = await pool.query(`SELECT COUNT(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`)
          expect(Number(rows[0].n)).toBe(1)
        },
        { timeout: 5_000 },
      )
      expect(await positionsOf('while held')).toEqual([null])
    } finally {
      await holder.query('SELECT pg_advisory_unlock($1)', [SEQUENCER_LOCK])
      holder.release()
    }
    await vi.waitFor(async () => expect((await positionsOf('while held'))[0]).not.toBeNull(), { timeout: 5_000 })
    expect(await positionsOf('while held')).toHaveLength(1)
    expect(errors).toEqual([])
  })
})
