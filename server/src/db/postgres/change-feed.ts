// The change feed on PostgreSQL, behind the storage-neutral interface realtime/ uses
// (../change-feed.ts). Storage and triggers: ./feed-schema.ts; commit order: ./sequencer.ts (read
// it first); the read query: ./feed-read.ts. Every id here is a `position`.
import type { Payload } from 'payload'
import type { Pool } from 'pg'

import type { RemovedBy } from '../../protocol'
import type { ChangeFeed, RoomMember } from '../change-feed'
import { installLocked, logPoolErrors, postgresPool } from './client'
import { readEvents, visibleToOrAll } from './feed-read'
import { POSTGRES_FEED_INSTALL } from './feed-schema'
import { isLockTimeout, sequence, sequenceCovering, sequenceSoon } from './sequencer'

// Serialises repairs: two instances repairing at once would both replace the feed's functions
// ("tuple concurrently updated").
const INSTALL_LOCK = 7_302_116_002

// The feed's triggers and functions (the triggers' and the sequencer's), by name, as its install
// creates them.
const namesOf = (pattern: RegExp) => POSTGRES_FEED_INSTALL.flatMap((statement) => pattern.exec(statement)?.[1] ?? [])
const FEED_TRIGGERS = namesOf(/CREATE OR REPLACE TRIGGER (\w+)/)
const FEED_FUNCTIONS = namesOf(/CREATE OR REPLACE FUNCTION (\w+)/)
const FUNCTION_STATEMENTS = POSTGRES_FEED_INSTALL.filter((statement) => /^CREATE OR REPLACE FUNCTION /.test(statement))

// A repair waits this long for a table's lock, then gives way to the writers and tries again.
const REPAIR_LOCK_TIMEOUT = '2s'
const REPAIR_ATTEMPTS = 5

// The migrations install the feed (schema, functions, triggers). A start only checks that every
// trigger and function is there, from the catalog, which takes no lock a writer waits for:
// replacing a trigger needs ShareRowExclusive on its table and CREATE INDEX a ShareLock, so
// running the install at every start queued every writer of every instance behind it (and behind
// any open transaction it waited for), or deadlocked with one. Only a database missing a trigger
// (a restore without them) is repaired whole, under a lock_timeout so that it never holds writers
// for long; one missing only functions (the sequencer's, on a database restored from before its
// migration) gets them back alone: CREATE OR REPLACE FUNCTION locks no table.
export async function installPostgresFeed(pool: Pool): Promise<void> {
  const { rows } = await pool.query<{ triggers: string; functions: string }>(
    `SELECT (SELECT COUNT(DISTINCT tgname) FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'D' AND tgname = ANY($1::text[])) AS triggers,
            (SELECT COUNT(DISTINCT proname) FROM pg_proc WHERE proname = ANY($2::text[]) AND pg_function_is_visible(oid)) AS functions`,
    [FEED_TRIGGERS, FEED_FUNCTIONS],
  )
  const triggersThere = Number(rows[0]?.triggers) === FEED_TRIGGERS.length
  if (triggersThere && Number(rows[0]?.functions) === FEED_FUNCTIONS.length) return
  const statements = triggersThere ? FUNCTION_STATEMENTS : POSTGRES_FEED_INSTALL
  for (let attempt = 1; ; attempt++) {
    try {
      return await installLocked(pool, INSTALL_LOCK, statements, REPAIR_LOCK_TIMEOUT)
    } catch (error) {
      // 55P03: lock_not_available (the lock_timeout); 40P01: deadlock_detected.
      const code = (error as { code?: string }).code
      if (attempt >= REPAIR_ATTEMPTS || (code !== '55P03' && code !== '40P01')) throw error
    }
  }
}

// The largest committed position. The prune always keeps the latest row (below), so this never
// goes back, even with every older change pruned.
async function latest(pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ latest: string }>(`SELECT COALESCE(MAX(position), 0) AS latest FROM message_changes`)
  return Number(rows[0]?.latest ?? 0)
}

async function oldestResumable(pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ oldest: string | null }>(`SELECT MIN(position) AS oldest FROM message_changes`)
  const oldest = rows[0]?.oldest
  return oldest === null || oldest === undefined ? await latest(pool) : Number(oldest) - 1
}

// Who is removing a message, just before its delete (see sqlite/feed-schema.ts).
export async function markRemovalPostgres(payload: Payload, messageId: number | string, by: RemovedBy): Promise<void> {
  await postgresPool(payload).query(
    `INSERT INTO message_removals (message_id, removed_by) VALUES ($1, $2)
     ON CONFLICT (message_id) DO UPDATE SET removed_by = EXCLUDED.removed_by`,
    [messageId, by],
  )
}

async function count(pool: Pool, { after, userId, atMost }: { after: number; userId?: number | string; atMost: number }): Promise<number> {
  const visible = visibleToOrAll(userId)
  const args = [after, ...visible.args, atMost]
  const { rows } = await pool.query<{ n: string }>(
    `SELECT COUNT(*) AS n FROM (SELECT 1 FROM message_changes c WHERE c.position > $1 AND ${visible.sql} LIMIT $${args.length}) counted`,
    args,
  )
  return Number(rows[0]?.n ?? 0)
}

async function membersAt(pool: Pool, cursor: number): Promise<RoomMember[]> {
  const { rows } = await pool.query<{ room_id: number; user_id: number }>(
    `SELECT DISTINCT room_id, user_id FROM room_member_periods
     WHERE joined_position <= $1 AND (left_position IS NULL OR left_position > $1)`,
    [cursor],
  )
  return rows.map((row) => ({ roomId: Number(row.room_id), userId: Number(row.user_id) }))
}

async function prune(pool: Pool, retentionDays: number): Promise<number> {
  const result = await pool.query(
    `DELETE FROM message_changes WHERE changed_at < now() - make_interval(days => $1)
       AND position < (SELECT MAX(position) FROM message_changes)`,
    [retentionDays],
  )
  // A stay that ended before the oldest stored change decides nothing any more.
  await pool.query(
    `DELETE FROM room_member_periods WHERE left_position IS NOT NULL
       AND left_position < COALESCE((SELECT MIN(position) FROM message_changes), 0)`,
  )
  return result.rowCount ?? 0
}

async function liveSessions(pool: Pool, userIds: ReadonlyArray<string>, now: Date): Promise<Set<string>> {
  // A suspended user's sessions are dead even if one survived the suspension (auth/suspension.ts).
  const { rows } = await pool.query<{ id: string }>(
    `SELECT s.id FROM users_sessions s JOIN users u ON u.id = s._parent_id
      WHERE s._parent_id = ANY($1::int[]) AND s.expires_at > $2
        AND NOT (COALESCE(u.suspended, false) AND (u.suspended_until IS NULL OR u.suspended_until > $2))`,
    [userIds.map(Number), now],
  )
  return new Set(rows.map((row) => String(row.id)))
}

export function postgresChangeFeed(payload: Payload): ChangeFeed {
  const pool = () => postgresPool(payload)
  return {
    install: () => {
      // At every start, once the adapter has connected: its pool must survive a killed connection.
      logPoolErrors(payload)
      return installPostgresFeed(pool())
    },
    afterWrite: () => sequenceSoon(pool(), (error) => payload.logger.error({ err: error }, 'sequencing the change feed failed')),
    // Sequenced first, when this process gets the lock: a new stream then starts after every change
    // committed before it connected. If another process's batch holds it, a change that batch does
    // not number gets a larger position later and reaches the stream live, not in its replay.
    latest: async () => {
      // Waits for another process's batch (../postgres/sequencer.ts), one wait shared by this
      // process's callers: a start position below a row committed before the call would load the
      // audience index without that row's membership. A holder that outlasts the wait (a stalled
      // process) is not worth failing a stream for.
      await sequenceCovering(pool()).catch((error: unknown) => {
        if (!isLockTimeout(error)) throw error
      })
      return latest(pool())
    },
    oldestResumable: () => oldestResumable(pool()),
    read: async (options) => {
      await sequence(pool())
      const { rows, events } = await readEvents(pool(), options)
      return { events, through: rows.at(-1)?.id ?? null, full: rows.length >= options.limit }
    },
    count: (options) => count(pool(), options),
    membersAt: (cursor) => membersAt(pool(), cursor),
    prune: (retentionDays) => prune(pool(), retentionDays),
    liveSessions: (userIds, now) => liveSessions(pool(), userIds, now),
  }
}
