// What the PostgreSQL feed tests share: Payload booted on this file's database (DATABASE_URI, set
// by the file before it calls this), its change feed, a pool of the test's own for raw SQL (held
// transactions, locks), and two users. `stop` ends the pool, then Payload.
import pg from 'pg'
import type { Payload } from 'payload'
import { afterAll, beforeAll } from 'vitest'

import type { ChangeFeed } from '../../src/db/change-feed'

export interface PgFeedHarness {
  payload: Payload
  feed: ChangeFeed
  pool: pg.Pool
  alice: number
  bob: number
  stop(): Promise<void>
}

export async function startPgFeedHarness(poolMax: number): Promise<PgFeedHarness> {
  const { getPayload } = await import('payload')
  const config = (await import('../../src/payload.config')).default
  const payload = await getPayload({ config })
  const feed = (await import('../../src/db')).changeFeedOf(payload)
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URI, max: poolMax })
  const user = async (name: string) =>
    Number((await pool.query(`INSERT INTO users (name, email) VALUES ($1, $2) RETURNING id`, [name, `${name}@example.com`])).rows[0].id)
  return {
    payload,
    feed,
    pool,
    alice: await user('alice'),
    bob: await user('bob'),
    stop: async () => {
      await pool.end()
      await payload.destroy()
    },
  }
}

// The harness for a describe block: started before its tests (handed to `use`, which keeps what
// the file needs), stopped after them.
export function usePgFeedHarness(poolMax: number, use: (harness: PgFeedHarness) => void): void {
  let harness: PgFeedHarness | undefined
  beforeAll(async () => {
    harness = await startPgFeedHarness(poolMax)
    use(harness)
  })
  afterAll(async () => harness?.stop())
}

// A DM written with raw SQL (on a held transaction's client or the pool), the way another writer would.
export const insertDm = (client: pg.Pool | pg.PoolClient, sender: number, receiver: number, content: string) =>
  client.query(`INSERT INTO messages (sender_id, receiver_id, content) VALUES ($1, $2, $3)`, [sender, receiver, content])
