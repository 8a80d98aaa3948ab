// The change feed on SQLite: the only module that knows the change rows live in SQLite.
// Triggers on `messages` write a row per insert/update/delete inside the writing statement's own
// transaction, so every writer (REST, Local API, admin panel, another process, a script) is
// caught, and ids follow commit order because SQLite has a single writer at a time.
import type { Payload } from 'payload'

import { userAudience, type ChangeEvent, type ChangeFeed, type ChangeKind, type StreamMessage } from '../change-feed'
import { sqliteClient } from '../client'

export const CHANGE_FEED_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS message_changes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('created', 'updated', 'deleted')),
    message_id INTEGER NOT NULL,
    sender_id INTEGER,
    receiver_id INTEGER,
    changed_at INTEGER NOT NULL DEFAULT (CAST(strftime('%s', 'now') AS INTEGER))
  )`,
  `CREATE INDEX IF NOT EXISTS message_changes_changed_at_idx ON message_changes (changed_at)`,
  `CREATE TRIGGER IF NOT EXISTS messages_change_created AFTER INSERT ON messages BEGIN
    INSERT INTO message_changes (kind, message_id, sender_id, receiver_id)
    VALUES ('created', NEW.id, NEW.sender_id, NEW.receiver_id);
  END`,
  `CREATE TRIGGER IF NOT EXISTS messages_change_updated AFTER UPDATE ON messages BEGIN
    INSERT INTO message_changes (kind, message_id, sender_id, receiver_id)
    VALUES ('updated', NEW.id, NEW.sender_id, NEW.receiver_id);
  END`,
  `CREATE TRIGGER IF NOT EXISTS messages_change_deleted AFTER DELETE ON messages BEGIN
    INSERT INTO message_changes (kind, message_id, sender_id, receiver_id)
    VALUES ('deleted', OLD.id, OLD.sender_id, OLD.receiver_id);
  END`,
]

export interface ChangeRow {
  id: number
  kind: ChangeKind
  messageId: number
  senderId: number | null
  receiverId: number | null
}

type InArgs = Array<string | number | bigint | null>

async function query(payload: Payload, sql: string, args: InArgs = []) {
  return sqliteClient(payload).execute({ sql, args })
}

export async function installChangeFeed(payload: Payload): Promise<void> {
  for (const statement of CHANGE_FEED_SCHEMA) await query(payload, statement)
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

// Change rows after a cursor in id order; for one user, only those they take part in.
export async function readChanges(
  payload: Payload,
  { after, limit, userId }: { after: number; limit: number; userId?: number | string },
): Promise<ChangeRow[]> {
  return (await readEvents(payload, { after, limit, userId })).rows
}

// The change rows after a cursor and their events, in one query: each created/updated row is
// joined with its message as it is now and the names of its users (the shape REST returns at
// depth 1, users as {id, name}); one whose message is gone by now has no event, its delete
// follows in the feed. `rows` may be longer than `events`: the cursor moves by `rows`.
export async function readEvents(
  payload: Payload,
  { after, limit, userId }: { after: number; limit: number; userId?: number | string },
): Promise<{ rows: ChangeRow[]; events: ChangeEvent[] }> {
  const forUser = userId === undefined ? '' : 'AND (c.sender_id = ? OR c.receiver_id = ?)'
  const args: InArgs = userId === undefined ? [after, limit] : [after, userId, userId, limit]
  const { rows: records } = await query(
    payload,
    `SELECT c.id, c.kind, c.message_id, c.sender_id, c.receiver_id,
            m.id AS live_id, m.sender_id AS m_sender_id, m.receiver_id AS m_receiver_id, m.content, m.client_id,
            m.timestamp, m.edited_at, m.updated_at, m.created_at, s.name AS sender_name, r.name AS receiver_name
     FROM message_changes c
     LEFT JOIN messages m ON c.kind <> 'deleted' AND m.id = c.message_id
     LEFT JOIN users s ON s.id = m.sender_id
     LEFT JOIN users r ON r.id = m.receiver_id
     WHERE c.id > ? ${forUser} ORDER BY c.id LIMIT ?`,
    args,
  )
  const rows: ChangeRow[] = []
  const events: ChangeEvent[] = []
  for (const record of records) {
    const row: ChangeRow = {
      id: Number(record.id),
      kind: record.kind as ChangeKind,
      messageId: Number(record.message_id),
      senderId: record.sender_id === null ? null : Number(record.sender_id),
      receiverId: record.receiver_id === null ? null : Number(record.receiver_id),
    }
    rows.push(row)
    const audience = [row.senderId, row.receiverId].filter((id) => id !== null).map(userAudience)
    const type = `message.${row.kind}` as const
    if (row.kind === 'deleted') {
      events.push({ id: row.id, type, audience, data: { id: row.messageId, sender: row.senderId, receiver: row.receiverId, room: null } })
    } else if (record.live_id !== null) {
      const data: StreamMessage = {
        id: row.messageId,
        sender: { id: Number(record.m_sender_id), name: String(record.sender_name ?? '') },
        receiver: { id: Number(record.m_receiver_id), name: String(record.receiver_name ?? '') },
        room: null,
        content: String(record.content),
        mentions: [],
        mentionsRoom: false,
        clientId: (record.client_id as string | null) ?? null,
        timestamp: (record.timestamp as string | null) ?? null,
        editedAt: (record.edited_at as string | null) ?? null,
        updatedAt: String(record.updated_at),
        createdAt: String(record.created_at),
      }
      events.push({ id: row.id, type, audience, data })
    }
  }
  return { rows, events }
}

export async function countChanges(
  payload: Payload,
  { after, userId, atMost }: { after: number; userId: number | string; atMost: number },
): Promise<number> {
  const { rows } = await query(
    payload,
    `SELECT COUNT(*) AS n FROM (SELECT 1 FROM message_changes
     WHERE id > ? AND (sender_id = ? OR receiver_id = ?) LIMIT ?)`,
    [after, userId, userId, atMost],
  )
  return Number(rows[0]?.n ?? 0)
}

export async function pruneChanges(payload: Payload, retentionDays: number): Promise<number> {
  const cutoff = Math.floor(Date.now() / 1000) - retentionDays * 24 * 60 * 60
  const result = await query(payload, `DELETE FROM message_changes WHERE changed_at < ?`, [cutoff])
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
      `SELECT id FROM users_sessions WHERE _parent_id IN (${ids.map(() => '?').join(',')}) AND expires_at > ?`,
      [...ids, now.toISOString()],
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
    prune: (retentionDays) => pruneChanges(payload, retentionDays),
    liveSessions: (userIds, now) => liveSessions(payload, userIds, now),
  }
}
