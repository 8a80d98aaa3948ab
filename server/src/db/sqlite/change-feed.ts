// The change feed on SQLite: the only module that knows the change rows live in SQLite. Its
// storage and triggers are in ./feed-schema.ts, the read of rows and events in ./feed-events.ts.
import type { Payload } from 'payload'

import type { RemovedBy } from '../../protocol'
import type { ChangeFeed, RoomMember } from '../change-feed'
import { sqliteClient } from '../client'
import { type ChangeRow, type InArgs, readEvents, visibleToOrAll } from './feed-events'
import { CHANGE_FEED_WITH_REACTIONS } from './feed-schema'

export type { ChangeRow } from './feed-events'
export { readEvents } from './feed-events'
export { CHANGE_FEED_SCHEMA } from './feed-schema'

async function query(payload: Payload, sql: string, args: InArgs = []) {
  return sqliteClient(payload).execute({ sql, args })
}

export async function installChangeFeed(payload: Payload): Promise<void> {
  for (const statement of CHANGE_FEED_WITH_REACTIONS) await query(payload, statement)
}

export async function latestChangeId(payload: Payload): Promise<number> {
  const { rows } = await query(
    payload,
    `SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'message_changes'), 0) AS latest`,
  )
  return Number(rows[0]?.latest ?? 0)
}

// The smallest cursor from which every later change is still stored (older ones were pruned).
export async function oldestResumableCursor(payload: Payload): Promise<number> {
  const { rows } = await query(payload, `SELECT MIN(id) AS oldest FROM message_changes`)
  const oldest = rows[0]?.oldest
  return oldest === null || oldest === undefined ? await latestChangeId(payload) : Number(oldest) - 1
}

// Who is removing a message, just before its delete: the delete trigger writes it into the change
// row (feed-schema.ts). Replaces any marker left by a delete that failed after writing it.
export async function markRemoval(payload: Payload, messageId: number | string, by: RemovedBy): Promise<void> {
  await query(payload, `INSERT OR REPLACE INTO message_removals (message_id, removed_by) VALUES (?, ?)`, [messageId, by])
}

// Change rows after a cursor in id order; for one user, only those they may see.
export async function readChanges(
  payload: Payload,
  options: { after: number; limit: number; userId?: number | string },
): Promise<ChangeRow[]> {
  return (await readEvents(payload, options)).rows
}

export async function countChanges(
  payload: Payload,
  { after, userId, atMost }: { after: number; userId?: number | string; atMost: number },
): Promise<number> {
  const visible = visibleToOrAll(userId)
  const { rows } = await query(
    payload,
    `SELECT COUNT(*) AS n FROM (SELECT 1 FROM message_changes c WHERE c.id > ? AND ${visible.sql} LIMIT ?)`,
    [after, ...visible.args, atMost],
  )
  return Number(rows[0]?.n ?? 0)
}

// Every membership at a feed position: joined at or before it, not left by then.
export async function membersAt(payload: Payload, cursor: number): Promise<RoomMember[]> {
  const { rows } = await query(
    payload,
    `SELECT DISTINCT room_id, user_id FROM room_member_periods
     WHERE joined_change <= ? AND (left_change IS NULL OR left_change > ?)`,
    [cursor, cursor],
  )
  return rows.map((row) => ({ roomId: Number(row.room_id), userId: Number(row.user_id) }))
}

export async function pruneChanges(payload: Payload, retentionDays: number): Promise<number> {
  const cutoff = Math.floor(Date.now() / 1000) - retentionDays * 24 * 60 * 60
  const result = await query(payload, `DELETE FROM message_changes WHERE changed_at < ?`, [cutoff])
  // A stay that ended before the oldest stored change decides nothing any more: no stored room
  // change falls inside it.
  await query(
    payload,
    `DELETE FROM room_member_periods WHERE left_change IS NOT NULL AND left_change <
       COALESCE((SELECT MIN(id) FROM message_changes), (SELECT seq FROM sqlite_sequence WHERE name = 'message_changes') + 1, 0)`,
  )
  return result.rowsAffected
}

// A session check reads at most this many users per query (SQLite's bound-parameter limit).
const SESSION_CHUNK = 1000

export async function liveSessions(payload: Payload, userIds: ReadonlyArray<string>, now: Date): Promise<Set<string>> {
  const live = new Set<string>()
  for (let i = 0; i < userIds.length; i += SESSION_CHUNK) {
    const ids = userIds.slice(i, i + SESSION_CHUNK)
    const { rows } = await query(
      payload,
      // A suspended user's sessions are dead even if one survived the suspension (auth/suspension.ts).
      `SELECT s.id FROM users_sessions s JOIN users u ON u.id = s._parent_id
        WHERE s._parent_id IN (${ids.map(() => '?').join(',')}) AND s.expires_at > ?
          AND NOT (COALESCE(u.suspended, 0) = 1 AND (u.suspended_until IS NULL OR u.suspended_until > ?))`,
      [...ids, now.toISOString(), now.toISOString()],
    )
    for (const row of rows) live.add(String(row.id))
  }
  return live
}

// The feed of this Payload's database, behind the storage-neutral interface realtime/ uses.
export function sqliteChangeFeed(payload: Payload): ChangeFeed {
  return {
    install: () => installChangeFeed(payload),
    latest: () => latestChangeId(payload),
    oldestResumable: () => oldestResumableCursor(payload),
    read: async (options) => {
      const { rows, events } = await readEvents(payload, options)
      return { events, through: rows.at(-1)?.id ?? null, full: rows.length >= options.limit }
    },
    count: (options) => countChanges(payload, options),
    membersAt: (cursor) => membersAt(payload, cursor),
    prune: (retentionDays) => pruneChanges(payload, retentionDays),
    liveSessions: (userIds, now) => liveSessions(payload, userIds, now),
  }
}
