// A start position on PostgreSQL covers every change committed before it was asked
// (src/db/postgres/sequencer.ts, `wait`): while another process holds the sequencer's lock,
// `latest()` waits for it instead of answering the last position given so far. Otherwise a
// stream's poller started then loads the rooms' members at a position below a membership just
// committed, and pushes (presence) meanwhile miss that member (presence.int on PostgreSQL timed
// out waiting for a room co-member's `online`).
import pg from 'pg'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest'

import type { ChangeFeed } from '../../src/db/change-feed'
import { SEQUENCER_LOCK } from '../../src/db/postgres/sequencer'
import { createTestDatabase } from '../helpers/postgres'

const server = inject('postgresUrl')
// Before anything reads the environment (src/env.ts): this file's Payload runs on PostgreSQL.
if (server) process.env.DATABASE_URI = await createTestDatabase(server)

describe.skipIf(!server)('latest() on PostgreSQL', () => {
  let payload: Payload
  let feed: ChangeFeed
  let pool: pg.Pool

  beforeAll(async () => {
    const { getPayload } = await import('payload')
    const config = (await import('../../src/payload.config')).default
    payload = await getPayload({ config })
    feed = (await import('../../src/db')).changeFeedOf(payload)
    pool = new pg.Pool({ connectionString: process.env.DATABASE_URI, max: 4 })
  })

  afterAll(async () => {
    await pool?.end()
    await payload?.destroy()
  })

  it('is not below a change committed before it was asked, even while another process is sequencing', async () => {
    const user = async (name: string) =>
      Number((await pool.query(`INSERT INTO users (name, email) VALUES ($1, $2) RETURNING id`, [name, `${name}@example.com`])).rows[0].id)
    const [alice, bob] = [await user('alice'), await user('bob')]
    await feed.latest()
    // Another process is sequencing right now (it holds the lock, and has not seen the DM yet).
    const other = await pool.connect()
    try {
      await other.query('BEGIN')
      await other.query('SELECT pg_advisory_xact_lock($1)', [SEQUENCER_LOCK])
      await pool.query(`INSERT INTO messages (sender_id, receiver_id, content) VALUES ($1, $2, 'committed first')`, [alice, bob])
      const asked = feed.latest()
      // Time for the question to reach the lock; the other process then finishes without the DM.
      await Promise.race([asked, new Promise((resolve) => setTimeout(resolve, 500))])
      await other.query('COMMIT')
      const start = await asked
      // Nothing committed before the question is after the answer.
      const after = await feed.read({ after: start, limit: 10 })
      expect(after.events).toEqual([])
      const { rows } = await pool.query(`SELECT MAX(position) AS last FROM message_changes`)
      expect(start).toBe(Number(rows[0].last))
    } finally {
      other.release()
    }
  })

  it('shares one wait among the calls of a process that arrive while the lock is held', async () => {
    const waiting = async () =>
      Number(
        (await pool.query(`SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = $1`, [SEQUENCER_LOCK % 2 ** 32])).rows[0].n,
      )
    const other = await pool.connect()
    try {
      await other.query('BEGIN')
      await other.query('SELECT pg_advisory_xact_lock($1)', [SEQUENCER_LOCK])
      // A reconnect storm: many stream starts at once while another process sequences.
      const asked = Array.from({ length: 8 }, () => feed.latest())
      await vi.waitFor(async () => expect(await waiting()).toBeGreaterThan(0))
      // Give the others every chance to queue on the lock too (they must not).
      await new Promise((resolve) => setTimeout(resolve, 300))
      expect(await waiting()).toBe(1)
      await other.query('COMMIT')
      const answers = await Promise.all(asked)
      const { rows } = await pool.query(`SELECT COALESCE(MAX(position), 0) AS last FROM message_changes`)
      for (const answer of answers) expect(answer).toBe(Number(rows[0].last))
    } finally {
      other.release()
    }
  })
})
