// A start on PostgreSQL (the feed's install in onInit) while writers are busy: it must neither wait
// for an open writer's transaction nor make new writers wait behind it (a rolling deploy starting
// an instance while a transaction is open on another one queued every writer of every instance),
// and a database missing one of the feed's triggers or functions (the sequencer's: a database from
// before its migration) is still repaired.
import pg from 'pg'
import { describe, expect, inject, it } from 'vitest'

import type { ChangeFeed } from '../../src/db/change-feed'
import { insertDm, usePgFeedHarness } from '../helpers/pg-feed-harness'
import { createTestDatabase } from '../helpers/postgres'

const server = inject('postgresUrl')
if (server) process.env.DATABASE_URI = await createTestDatabase(server)

describe.skipIf(!server)('the feed install at start on PostgreSQL', () => {
  let feed: ChangeFeed
  let pool: pg.Pool
  let alice: number
  let bob: number

  usePgFeedHarness(4, (harness) => ({ feed, pool, alice, bob } = harness))

  const dm = (client: pg.Pool | pg.PoolClient, content: string) => insertDm(client, alice, bob, content)
  const triggerCount = async (name: string) =>
    Number((await pool.query(`SELECT COUNT(*) AS n FROM pg_trigger WHERE tgname = $1`, [name])).rows[0].n)
  const functionCount = async (name: string) =>
    Number((await pool.query(`SELECT COUNT(*) AS n FROM pg_proc WHERE proname = $1`, [name])).rows[0].n)

  it('completes while a writer holds its transaction open, and new writers are not held behind it', { timeout: 60_000 }, async () => {
    const held = await pool.connect()
    try {
      await held.query('BEGIN')
      await dm(held, 'in flight')
      // A start: with the install taking the tables' locks, this waited for `held` to end.
      await feed.install()
      // And another writer meanwhile (with the old install queued, it waited behind it).
      await dm(pool, 'meanwhile')
      const { rows } = await pool.query(`SELECT content FROM messages WHERE content IN ('in flight', 'meanwhile')`)
      expect(rows.map((row) => row.content)).toEqual(['meanwhile'])
      await held.query('COMMIT')
    } finally {
      held.release()
    }
    const { rows } = await pool.query(`SELECT content FROM messages WHERE content IN ('in flight', 'meanwhile') ORDER BY id`)
    expect(rows.map((row) => row.content)).toEqual(['in flight', 'meanwhile'])
  })

  it('repairs a missing trigger at start', async () => {
    await pool.query('DROP TRIGGER feed_reaction ON reactions')
    expect(await triggerCount('feed_reaction')).toBe(0)
    await feed.install()
    expect(await triggerCount('feed_reaction')).toBe(1)
  })

  it('brings the sequencer function back at start, and writes are sequenced again', async () => {
    await pool.query('DROP FUNCTION chat_feed_sequence(boolean)')
    expect(await functionCount('chat_feed_sequence')).toBe(0)
    await feed.install()
    expect(await functionCount('chat_feed_sequence')).toBe(1)
    await dm(pool, 'after the repair')
    // A new stream's start position sequences first: through the restored function.
    const latest = await feed.latest()
    const { rows } = await pool.query(
      `SELECT c.position FROM message_changes c JOIN messages m ON m.id = c.message_id WHERE m.content = 'after the repair' AND c.kind = 'created'`,
    )
    expect(rows.map((row) => Number(row.position))).toEqual([latest])
  })
})
