// Shared presence on PostgreSQL (../presence-store.ts): the tables of migration
// 20261130_020000_shared_presence. Times are the database's clock (instances on several machines
// agree on it). Event ids are made commit-ordered as revocation ids are: every transaction that
// inserts events takes an advisory lock first, held to its commit, so the followers' cursors skip
// none (presence changes are stream opens and closes, away flags and throttled typing notices:
// serialising those short transactions costs little). Each such transaction NOTIFYs the feed's
// channel once, as a `presence` notice (./notices.ts): the other instances' presence followers.
import type { Pool, PoolClient } from 'pg'
import type { Payload } from 'payload'

import { inTransaction, postgresPool } from './client'
import { type SharedPresenceDb, toPresenceEvent, toUserSessions } from '../presence-store'
import { FEED_CHANNEL, PRESENCE_NOTICE } from './notices'

const EVENTS_LOCK = 7_302_116_004

export const PRESENCE_SCHEMA_POSTGRES = [
  `CREATE TABLE IF NOT EXISTS presence_processes (
    process_id text PRIMARY KEY,
    heartbeat bigint NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS presence_sessions (
    process_id text NOT NULL,
    user_id integer NOT NULL,
    session_id text NOT NULL,
    PRIMARY KEY (process_id, user_id, session_id)
  )`,
  `CREATE TABLE IF NOT EXISTS presence_away (
    user_id integer NOT NULL,
    session_id text NOT NULL,
    away boolean NOT NULL,
    set_at bigint NOT NULL,
    PRIMARY KEY (user_id, session_id)
  )`,
  `CREATE INDEX IF NOT EXISTS presence_sessions_user ON presence_sessions (user_id)`,
  `CREATE TABLE IF NOT EXISTS presence_seen (
    user_id integer PRIMARY KEY,
    seen_at bigint NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS presence_events (
    id bigserial PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('presence', 'typing')),
    user_id integer NOT NULL,
    data text,
    created_at bigint NOT NULL
  )`,
  `CREATE INDEX IF NOT EXISTS presence_events_created_at ON presence_events (created_at)`,
]

export const PRESENCE_TABLES = ['presence_events', 'presence_seen', 'presence_away', 'presence_sessions', 'presence_processes']

// The database's clock in ms.
const NOW = `(extract(epoch FROM clock_timestamp()) * 1000)::bigint`
// Flags of sessions without rows, said before `$1` ms ago.
const STALE_AWAY = `FROM presence_away a WHERE a.set_at < ${NOW} - $1
  AND NOT EXISTS (SELECT 1 FROM presence_sessions s WHERE s.user_id = a.user_id AND s.session_id = a.session_id)`

// Runs `work` in a transaction that may insert events: the lock before, the NOTIFY after.
async function withEvents<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect()
  try {
    return await inTransaction(client, async () => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [EVENTS_LOCK])
      const result = await work(client)
      await client.query('SELECT pg_notify($1, $2)', [FEED_CHANNEL, PRESENCE_NOTICE])
      return result
    })
  } finally {
    client.release()
  }
}

export function postgresPresenceDb(payload: Payload): SharedPresenceDb {
  const pool = () => postgresPool(payload)
  return {
    write(processId, { opened, closed, away }) {
      return withEvents(pool(), async (client) => {
        await client.query(
          `INSERT INTO presence_processes (process_id, heartbeat) VALUES ($1, ${NOW})
           ON CONFLICT (process_id) DO UPDATE SET heartbeat = excluded.heartbeat`,
          [processId],
        )
        if (opened.length > 0) {
          await client.query(
            `INSERT INTO presence_sessions (process_id, user_id, session_id)
             SELECT $1::text, * FROM unnest($2::integer[], $3::text[])
             ON CONFLICT (process_id, user_id, session_id) DO NOTHING`,
            [processId, opened.map((key) => key.userId), opened.map((key) => key.sessionId)],
          )
        }
        if (closed.length > 0) {
          const [users, sessions] = [closed.map((key) => key.userId), closed.map((key) => key.sessionId)]
          await client.query(
            `DELETE FROM presence_sessions s USING unnest($2::integer[], $3::text[]) AS c(user_id, session_id)
             WHERE s.process_id = $1 AND s.user_id = c.user_id AND s.session_id = c.session_id`,
            [processId, users, sessions],
          )
          // Each user once (two sessions of one user close together: logout everywhere), and one
          // time for the statement: clock_timestamp() is per row, so a DISTINCT over it could keep
          // two rows of a user, which ON CONFLICT DO UPDATE rejects (the whole flush rolls back).
          await client.query(
            `INSERT INTO presence_seen (user_id, seen_at) SELECT user_id, t.now FROM unnest($1::integer[]) AS c(user_id), (SELECT ${NOW} AS now) t
             ON CONFLICT (user_id) DO UPDATE SET seen_at = GREATEST(presence_seen.seen_at, excluded.seen_at)`,
            [[...new Set(users)]],
          )
        }
        const applied: boolean[] = []
        for (const flag of away) {
          // Stored unless a flag said later is (the time is the database's, less the flag's age).
          const result = await client.query(
            `INSERT INTO presence_away (user_id, session_id, away, set_at) VALUES ($1, $2, $3, ${NOW} - $4)
             ON CONFLICT (user_id, session_id) DO UPDATE SET away = excluded.away, set_at = excluded.set_at
             WHERE excluded.set_at >= presence_away.set_at`,
            [flag.userId, flag.sessionId, flag.away, flag.ageMs],
          )
          applied.push((result.rowCount ?? 0) > 0)
        }
        const users = [...new Set([...opened, ...closed, ...away.filter((_, i) => applied[i])].map((key) => key.userId))]
        await client.query(
          `INSERT INTO presence_events (kind, user_id, created_at) SELECT 'presence', user_id, ${NOW} FROM unnest($1::integer[]) AS u(user_id)`,
          [users],
        )
        return applied
      })
    },
    async beat(processId) {
      const result = await pool().query(`UPDATE presence_processes SET heartbeat = ${NOW} WHERE process_id = $1`, [processId])
      return (result.rowCount ?? 0) > 0
    },
    async reap(expiryMs, keepMs) {
      const { rows } = await pool().query<{ dead: boolean; old: boolean; stale: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM presence_processes WHERE heartbeat < ${NOW} - $1) AS dead,
                EXISTS (SELECT 1 FROM presence_events WHERE created_at < ${NOW} - $2) AS old,
                EXISTS (SELECT 1 ${STALE_AWAY.replace('$1', '$2')}) AS stale`,
        [expiryMs, keepMs],
      )
      if (rows[0]?.dead) {
        await withEvents(pool(), async (client) => {
          // Locked, so two reapers take each dead process once; its users were last seen when
          // it was last heard of.
          const { rows: dead } = await client.query<{ process_id: string; heartbeat: string }>(
            `DELETE FROM presence_processes WHERE heartbeat < ${NOW} - $1 RETURNING process_id, heartbeat`,
            [expiryMs],
          )
          if (dead.length === 0) return
          const [ids, beats] = [dead.map((row) => row.process_id), dead.map((row) => row.heartbeat)]
          await client.query(
            `WITH gone AS (
               DELETE FROM presence_sessions s USING unnest($1::text[], $2::bigint[]) AS d(process_id, heartbeat)
               WHERE s.process_id = d.process_id RETURNING s.user_id, d.heartbeat),
             seen AS (
               INSERT INTO presence_seen (user_id, seen_at) SELECT user_id, MAX(heartbeat) FROM gone GROUP BY user_id
               ON CONFLICT (user_id) DO UPDATE SET seen_at = GREATEST(presence_seen.seen_at, excluded.seen_at))
             INSERT INTO presence_events (kind, user_id, created_at) SELECT DISTINCT 'presence', user_id, ${NOW} FROM gone`,
            [ids, beats],
          )
        })
      }
      if (rows[0]?.old) await pool().query(`DELETE FROM presence_events WHERE created_at < ${NOW} - $1`, [keepMs])
      if (rows[0]?.stale) await pool().query(`DELETE FROM presence_away WHERE (user_id, session_id) IN (SELECT a.user_id, a.session_id ${STALE_AWAY})`, [keepMs])
    },
    async typing(userId, data) {
      await withEvents(pool(), (client) =>
        client.query(`INSERT INTO presence_events (kind, user_id, data, created_at) VALUES ('typing', $1, $2, ${NOW})`, [userId, data]),
      )
    },
    async latestEvent() {
      const { rows } = await pool().query<{ latest: string }>('SELECT COALESCE(MAX(id), 0) AS latest FROM presence_events')
      return Number(rows[0]?.latest ?? 0)
    },
    async eventsAfter(cursor, limit) {
      const { rows } = await pool().query('SELECT id, kind, user_id, data FROM presence_events WHERE id > $1 ORDER BY id LIMIT $2', [cursor, limit])
      return rows.map(toPresenceEvent)
    },
    async sessionsOf(userIds, expiryMs) {
      if (userIds.length === 0) return []
      const [sessions, seen] = await Promise.all([
        pool().query(
          `SELECT s.user_id, COALESCE(a.away, false) AS away, p.heartbeat, COALESCE(p.heartbeat >= ${NOW} - $2, false) AS live
           FROM presence_sessions s LEFT JOIN presence_processes p ON p.process_id = s.process_id
           LEFT JOIN presence_away a ON a.user_id = s.user_id AND a.session_id = s.session_id
           WHERE s.user_id = ANY($1::integer[])`,
          [userIds, expiryMs],
        ),
        pool().query('SELECT user_id, seen_at FROM presence_seen WHERE user_id = ANY($1::integer[])', [userIds]),
      ])
      return toUserSessions(userIds, sessions.rows, seen.rows)
    },
  }
}
