// Cross-process needs on SQLite (../cross-process.ts). The commit signal is `PRAGMA data_version`
// on a connection of its own: SQLite changes it when another connection commits (another process,
// or this process's main connection: a wake for a write this process already woke for, which
// finds nothing new). A prepared statement on a synchronous connection, not the shared async
// client: 200 checks a second cost ~9 µs each instead of ~50 (docs/scaling.md).
// Revocations are rows of `auth_revocations` (migration 20261129_194700_cross_process).
import Database from 'libsql'
import type { Payload } from 'payload'

import { COMMIT_KINDS, type CrossProcess, toRevocation } from '../cross-process'
import { sqliteClient, sqliteFileOf } from '../client'

export function sqliteCrossProcess(payload: Payload, databaseUrl: string): CrossProcess {
  const execute = (sql: string, args: Array<string | number | null> = []) => sqliteClient(payload).execute({ sql, args })
  return {
    watchCommits(onCommit, everyMs) {
      const connection = new Database(sqliteFileOf(databaseUrl, 'FEED_WAKE_CHECK_MS'))
      const version = connection.prepare('PRAGMA data_version').raw()
      const read = () => (version.get() as unknown[])[0]
      let last = read()
      const timer = setInterval(() => {
        try {
          const now = read()
          // data_version says only that something was committed, not what: every follower reads.
          if (now !== last) for (const kind of COMMIT_KINDS) onCommit(kind)
          last = now
        } catch (error) {
          payload.logger.error({ err: error }, 'commit check failed')
        }
      }, everyMs)
      timer.unref()
      return () => {
        clearInterval(timer)
        connection.close()
      }
    },
    async revoke(change) {
      await execute('INSERT INTO auth_revocations (kind, user_id, session_ids, revoked_at) VALUES (?, ?, ?, ?)', [
        change.kind,
        change.userId,
        change.kind === 'sessions' ? JSON.stringify(change.sessionIds) : null,
        Date.now(),
      ])
    },
    async latestRevocation() {
      const { rows } = await execute(`SELECT COALESCE(MAX(id), 0) AS latest FROM auth_revocations`)
      return Number(rows[0]?.latest ?? 0)
    },
    async revocationsAfter(cursor) {
      const { rows } = await execute('SELECT id, kind, user_id, session_ids FROM auth_revocations WHERE id > ? ORDER BY id', [cursor])
      return rows.map(toRevocation)
    },
    async pruneRevocations(olderThanMs) {
      const result = await execute('DELETE FROM auth_revocations WHERE revoked_at < ?', [Date.now() - olderThanMs])
      return result.rowsAffected
    },
  }
}
