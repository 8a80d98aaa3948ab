// A write's sequencing on PostgreSQL gives way to nobody: while another process's batch holds
// the sequencer's lock (here a test connection holds it), the write's rows stay unnumbered and
// nothing is read; once the holder lets go, the write's own run (waiting for the lock, not giving
// up on a miss) numbers them, with no reader or poll involved, each once.
import pg from 'pg'
import type { Payload } from 'payload'
import { describe, expect, inject, it, vi } from 'vitest'

import { postgresPool } from '../../src/db/postgres/client'
import { isLockTimeout, SEQUENCER_LOCK, sequence, sequenceSoon } from '../../src/db/postgres/sequencer'
import { usePgFeedHarness } from '../helpers/pg-feed-harness'
import { createTestDatabase } from '../helpers/postgres'
import { countQueries } from '../helpers/query-count'

const server = inject('postgresUrl')
if (server) process.env.DATABASE_URI = await createTestDatabase(server)

describe.skipIf(!server)('a write sequenced while another batch holds the lock', () => {
  let payload: Payload
  let pool: pg.Pool
  let alice: number
  let bob: number

  usePgFeedHarness(4, (harness) => ({ payload, pool, alice, bob } = harness))

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

  // The sequencing after a write was a seven-statement transaction on a connection of its own
  // (BEGIN, the lock, the numbering, two period updates, the NOTIFY, COMMIT): seven round trips
  // per message. It is one statement, the server-side function, in autocommit. Counted on the
  // pool (countQueries) and on the wire (every statement any pg client of this process sends that
  // a sequencing could be: a transaction kept on a checked-out client shows there, not on the pool).
  it("is one statement: the pool's and the wire's", async () => {
    const payloadPool = postgresPool(payload)
    const checkedOut = await payloadPool.connect()
    const clientPrototype = Object.getPrototypeOf(checkedOut) as pg.Client
    checkedOut.release()
    const sequencing = (text: string) =>
      /chat_feed_sequence|advisory|pg_notify|message_changes|room_member_periods|lock_timeout|^\s*(BEGIN|COMMIT|ROLLBACK)\b/i.test(text)
    await pool.query(`INSERT INTO messages (sender_id, receiver_id, content) VALUES ($1, $2, 'counted')`, [alice, bob])
    const wire = vi.spyOn(clientPrototype, 'query')
    let numbered: number | null = null
    try {
      const onPool = await countQueries(payload, async () => {
        numbered = await sequence(payloadPool, { wait: true })
      }, sequencing)
      const onWire = wire.mock.calls.filter((call) => sequencing(typeof call[0] === 'string' ? call[0] : String((call[0] as { text?: string }).text))).length
      expect([onPool, onWire]).toEqual([1, 1])
    } finally {
      wire.mockRestore()
    }
    expect(numbered).toBe(1)
    expect(await positionsOf('counted')).toHaveLength(1)
    expect((await positionsOf('counted'))[0]).not.toBeNull()
  })

  // A holder that outlasts the wait (a stalled process): the function's lock_timeout surfaces as
  // 55P03 to the caller (sequenceSoon and latest() tell it from a failure), and a run that does
  // not wait answers null at once. A holder that lets go within the wait: the run sequences, and
  // the timeout was its statement's own: the pooled connection keeps no lock_timeout for
  // whatever it runs next.
  it('gives up after the wait with 55P03 when the holder outlasts it, and leaves no lock_timeout behind', async () => {
    const one = new pg.Pool({ connectionString: process.env.DATABASE_URI, max: 1 })
    const holder = await pool.connect()
    let held = false
    try {
      await holder.query('SELECT pg_advisory_lock($1)', [SEQUENCER_LOCK])
      held = true
      const error = await sequence(one, { wait: true }).then(() => null, (reason: unknown) => reason)
      expect(isLockTimeout(error)).toBe(true)
      expect(await sequence(one)).toBeNull()
      const waited = sequence(one, { wait: true })
      await vi.waitFor(
        async () => expect(Number((await pool.query(`SELECT COUNT(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`)).rows[0].n)).toBe(1),
        { timeout: 5_000 },
      )
      await holder.query('SELECT pg_advisory_unlock($1)', [SEQUENCER_LOCK])
      held = false
      expect(await waited).not.toBeNull()
      expect((await one.query('SHOW lock_timeout')).rows[0].lock_timeout).toBe('0')
    } finally {
      if (held) await holder.query('SELECT pg_advisory_unlock($1)', [SEQUENCER_LOCK])
      holder.release()
      await one.end()
    }
  })
})
