// A write's sequencing on PostgreSQL gives way to nobody: while another process's batch holds
// the sequencer's lock (here a test connection holds it), the write's rows stay unnumbered and
// nothing is read; once the holder lets go, the write's own run (waiting for the lock, not giving
// up on a miss) numbers them, with no reader or poll involved, each once.
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest'

import { SEQUENCER_LOCK, sequenceSoon } from '../../src/db/postgres/sequencer'
import { type PgFeedHarness, startPgFeedHarness } from '../helpers/pg-feed-harness'
import { createTestDatabase } from '../helpers/postgres'

const server = inject('postgresUrl')
if (server) process.env.DATABASE_URI = await createTestDatabase(server)

describe.skipIf(!server)('a write sequenced while another batch holds the lock', () => {
  let pool: pg.Pool
  let alice: number
  let bob: number

  let harness: PgFeedHarness | undefined

  beforeAll(async () => {
    harness = await startPgFeedHarness(4)
    ;({ pool, alice, bob } = harness)
  })

  afterAll(async () => harness?.stop())

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
