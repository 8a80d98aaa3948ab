// The change feed as the tests read it, on whichever database the test runs (TEST_DATABASE):
// the rows after a position and their events, through each dialect's own read (the one the
// poller runs), and the feed's latest position. On PostgreSQL a change row has a position only
// once the sequencer has given it one (src/db/postgres/sequencer.ts), and the feed's own latest()
// sequences only when no one else is (a write's background sequencing may hold the lock right
// then, its rows numbered a moment later): here both wait until every committed change row has
// its position, so a test reads every change committed before it asked, and a position it takes
// as a start has nothing committed earlier after it.
import type { Payload } from 'payload'

import { changeFeedOf } from '../../src/db'
import type { ChangeEvent } from '../../src/db/change-feed'
import type { ChangeRow } from '../../src/db/feed-rows'
import { postgresPool } from '../../src/db/postgres/client'
import { readEvents as readPostgres } from '../../src/db/postgres/feed-read'
import { dialectOf, query, sql } from '../../src/db/sql'
import { readEvents as readSqlite } from '../../src/db/sqlite/feed-events'

// The latest change's position (SQLite: its id; PostgreSQL: its position, every committed row sequenced).
export async function latestChangeId(payload: Payload): Promise<number> {
  const feed = changeFeedOf(payload)
  if (dialectOf(payload) === 'sqlite') return feed.latest()
  for (const deadline = Date.now() + 10_000; ; ) {
    await feed.latest()
    const [pending] = await query(payload, sql`SELECT EXISTS (SELECT 1 FROM message_changes WHERE position IS NULL) AS pending`)
    // Read again: a row sequenced by another run since the first read counts.
    if (!pending!.pending) return feed.latest()
    if (Date.now() > deadline) throw new Error('change rows committed 10 s ago still have no feed position')
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

type ReadOptions = { after: number; limit: number; userId?: number | string }

export async function readEvents(payload: Payload, options: ReadOptions): Promise<{ rows: ChangeRow[]; events: ChangeEvent[] }> {
  if (dialectOf(payload) === 'sqlite') return readSqlite(payload, options)
  await latestChangeId(payload)
  return readPostgres(postgresPool(payload), options)
}

export const readChanges = async (payload: Payload, options: ReadOptions): Promise<ChangeRow[]> => (await readEvents(payload, options)).rows
