// Shared presence on SQLite (../presence-store.ts): the tables of migration
// 20261130_020000_shared_presence, written in one `batch` (one write transaction, so one commit
// signal for the other processes) per flush. Event ids are commit order: one writer at a time.
// Times are this machine's clock: every process on a SQLite file runs on the same machine.
import type { InStatement } from '@libsql/client'
import type { Payload } from 'payload'

import { sqliteClient } from '../client'
import { type SharedPresenceDb, toPresenceEvent, toUserSessions } from '../presence-store'

export const PRESENCE_SCHEMA_SQLITE = [
  `CREATE TABLE IF NOT EXISTS presence_processes (
    process_id TEXT PRIMARY KEY,
    heartbeat INTEGER NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS presence_sessions (
    process_id TEXT NOT NULL,
    user_id INTEGER NOT NULL,
    session_id TEXT NOT NULL,
    PRIMARY KEY (process_id, user_id, session_id)
  )`,
  `CREATE TABLE IF NOT EXISTS presence_away (
    user_id INTEGER NOT NULL,
    session_id TEXT NOT NULL,
    away INTEGER NOT NULL,
    set_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, session_id)
  )`,
  `CREATE INDEX IF NOT EXISTS presence_sessions_user ON presence_sessions (user_id)`,
  `CREATE TABLE IF NOT EXISTS presence_seen (
    user_id INTEGER PRIMARY KEY,
    seen_at INTEGER NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS presence_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('presence', 'typing')),
    user_id INTEGER NOT NULL,
    data TEXT,
    created_at INTEGER NOT NULL
  )`,
  `CREATE INDEX IF NOT EXISTS presence_events_created_at ON presence_events (created_at)`,
]

export const PRESENCE_TABLES = ['presence_events', 'presence_seen', 'presence_away', 'presence_sessions', 'presence_processes']

const SEEN = `INSERT INTO presence_seen (user_id, seen_at) VALUES (?, ?)
  ON CONFLICT (user_id) DO UPDATE SET seen_at = MAX(seen_at, excluded.seen_at)`
const EVENT = `INSERT INTO presence_events (kind, user_id, data, created_at) VALUES (?, ?, ?, ?)`
const ALIVE = `INSERT INTO presence_processes (process_id, heartbeat) VALUES (?, ?)
  ON CONFLICT (process_id) DO UPDATE SET heartbeat = excluded.heartbeat`
// The sessions of processes not heard of since `?` (bound once per statement that uses it).
const DEAD = `process_id IN (SELECT process_id FROM presence_processes WHERE heartbeat < ?)`
// A flag is stored unless one said later is; then (changes(): that upsert's rows) an event.
const AWAY = `INSERT INTO presence_away (user_id, session_id, away, set_at) VALUES (?, ?, ?, ?)
  ON CONFLICT (user_id, session_id) DO UPDATE SET away = excluded.away, set_at = excluded.set_at
  WHERE excluded.set_at >= presence_away.set_at`
const AWAY_EVENT = `INSERT INTO presence_events (kind, user_id, data, created_at) SELECT 'presence', ?, NULL, ? WHERE changes() > 0`
// Flags of sessions without rows, said before `?`.
const STALE_AWAY = `FROM presence_away a WHERE a.set_at < ?
  AND NOT EXISTS (SELECT 1 FROM presence_sessions s WHERE s.user_id = a.user_id AND s.session_id = a.session_id)`

export function sqlitePresenceDb(payload: Payload): SharedPresenceDb {
  const client = () => sqliteClient(payload)
  return {
    async write(processId, { opened, closed, away }) {
      const now = Date.now()
      const statements: InStatement[] = [{ sql: ALIVE, args: [processId, now] }]
      for (const { userId, sessionId } of opened) {
        statements.push({
          sql: `INSERT INTO presence_sessions (process_id, user_id, session_id) VALUES (?, ?, ?)
                ON CONFLICT (process_id, user_id, session_id) DO NOTHING`,
          args: [processId, userId, sessionId],
        })
      }
      for (const { userId, sessionId } of closed) {
        statements.push({ sql: 'DELETE FROM presence_sessions WHERE process_id = ? AND user_id = ? AND session_id = ?', args: [processId, userId, sessionId] })
        statements.push({ sql: SEEN, args: [userId, now] })
      }
      const firstAway = statements.length
      for (const flag of away) {
        statements.push(
          { sql: AWAY, args: [flag.userId, flag.sessionId, flag.away ? 1 : 0, now - flag.ageMs] },
          { sql: AWAY_EVENT, args: [flag.userId, now] },
        )
      }
      const users = new Set([...opened, ...closed].map((key) => key.userId))
      for (const userId of users) statements.push({ sql: EVENT, args: ['presence', userId, null, now] })
      const results = await client().batch(statements, 'write')
      return away.map((_, i) => results[firstAway + 2 * i]!.rowsAffected > 0)
    },
    async beat(processId) {
      const result = await client().execute({ sql: 'UPDATE presence_processes SET heartbeat = ? WHERE process_id = ?', args: [Date.now(), processId] })
      return result.rowsAffected > 0
    },
    async reap(expiryMs, keepMs) {
      const now = Date.now()
      const [deadBefore, oldBefore] = [now - expiryMs, now - keepMs]
      const { rows } = await client().execute({
        sql: `SELECT EXISTS (SELECT 1 FROM presence_processes WHERE heartbeat < ?) AS dead,
                     EXISTS (SELECT 1 FROM presence_events WHERE created_at < ?) AS old,
                     EXISTS (SELECT 1 ${STALE_AWAY}) AS stale`,
        args: [deadBefore, oldBefore, oldBefore],
      })
      const statements: InStatement[] = []
      if (Number(rows[0]?.dead)) {
        statements.push(
          {
            sql: `INSERT INTO presence_events (kind, user_id, data, created_at)
                  SELECT DISTINCT 'presence', user_id, NULL, ? FROM presence_sessions WHERE ${DEAD}`,
            args: [now, deadBefore],
          },
          // They were last seen when their process was last heard of.
          {
            sql: `INSERT INTO presence_seen (user_id, seen_at)
                  SELECT s.user_id, MAX(p.heartbeat) FROM presence_sessions s JOIN presence_processes p ON p.process_id = s.process_id
                  WHERE p.heartbeat < ? GROUP BY s.user_id
                  ON CONFLICT (user_id) DO UPDATE SET seen_at = MAX(seen_at, excluded.seen_at)`,
            args: [deadBefore],
          },
          { sql: `DELETE FROM presence_sessions WHERE ${DEAD}`, args: [deadBefore] },
          { sql: 'DELETE FROM presence_processes WHERE heartbeat < ?', args: [deadBefore] },
        )
      }
      if (Number(rows[0]?.old)) statements.push({ sql: 'DELETE FROM presence_events WHERE created_at < ?', args: [oldBefore] })
      if (Number(rows[0]?.stale)) {
        statements.push({ sql: `DELETE FROM presence_away WHERE rowid IN (SELECT a.rowid ${STALE_AWAY})`, args: [oldBefore] })
      }
      if (statements.length > 0) await client().batch(statements, 'write')
    },
    async typing(userId, data) {
      await client().execute({ sql: EVENT, args: ['typing', userId, data, Date.now()] })
    },
    async latestEvent() {
      const { rows } = await client().execute('SELECT COALESCE(MAX(id), 0) AS latest FROM presence_events')
      return Number(rows[0]?.latest ?? 0)
    },
    async eventsAfter(cursor, limit) {
      const { rows } = await client().execute({
        sql: 'SELECT id, kind, user_id, data FROM presence_events WHERE id > ? ORDER BY id LIMIT ?',
        args: [cursor, limit],
      })
      return rows.map(toPresenceEvent)
    },
    async sessionsOf(userIds, expiryMs) {
      if (userIds.length === 0) return []
      const marks = userIds.map(() => '?').join(', ')
      const [sessions, seen] = await client().batch(
        [
          {
            sql: `SELECT s.user_id, COALESCE(a.away, 0) AS away, p.heartbeat, COALESCE(p.heartbeat >= ?, 0) AS live
                  FROM presence_sessions s LEFT JOIN presence_processes p ON p.process_id = s.process_id
                  LEFT JOIN presence_away a ON a.user_id = s.user_id AND a.session_id = s.session_id
                  WHERE s.user_id IN (${marks})`,
            args: [Date.now() - expiryMs, ...userIds],
          },
          { sql: `SELECT user_id, seen_at FROM presence_seen WHERE user_id IN (${marks})`, args: [...userIds] },
        ],
        'read',
      )
      return toUserSessions(userIds, sessions!.rows, seen!.rows)
    },
  }
}
