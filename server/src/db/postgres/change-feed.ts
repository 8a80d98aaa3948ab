// The change feed on PostgreSQL, behind the storage-neutral interface realtime/ uses
// (../change-feed.ts). Storage and triggers: ./feed-schema.ts; commit order: ./sequencer.ts (read
// it first); the read query: ./feed-read.ts. Every id here is a `position`.
import type { Payload } from 'payload'
import type { Pool } from 'pg'

import type { RemovedBy } from '../../protocol'
import type { ChangeFeed, RoomMember } from '../change-feed'
import { installLocked, postgresPool } from './client'
import { readEvents, visibleToOrAll } from './feed-read'
import { POSTGRES_FEED_INSTALL } from './feed-schema'
import { sequence, sequenceCovering } from './sequencer'

// installLocked's key: the feed's install, one instance at a time.
const INSTALL_LOCK = 7_302_116_002

export const installPostgresFeed = (pool: Pool): Promise<void> => installLocked(pool, INSTALL_LOCK, POSTGRES_FEED_INSTALL)

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
    install: () => installPostgresFeed(pool()),
    // Sequenced first: a new stream starts after every change committed before it connected.
    latest: async () => {
      await sequenceCovering(pool())
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
