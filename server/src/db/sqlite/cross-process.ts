// Cross-process needs on SQLite (../cross-process.ts). The commit signal is `PRAGMA data_version`
// on this process's own connection: SQLite changes it when another connection (another process)
// commits, and never for this connection's own writes, which wake their readers directly.
// Revocations are rows of `auth_revocations` (migration 20261129_200000_cross_process).
import type { Payload } from 'payload'

import type { CrossProcess, Revocation } from '../cross-process'
import { sqliteClient } from '../client'

export function sqliteCrossProcess(payload: Payload): CrossProcess {
  const execute = (sql: string, args: Array<string | number | null> = []) => sqliteClient(payload).execute({ sql, args })
  return {
    watchCommits(onCommit, everyMs) {
      let last: unknown
      let checking = false
      const timer = setInterval(() => {
        if (checking) return
        checking = true
        execute('PRAGMA data_version')
          .then(({ rows }) => {
            const version = rows[0]?.data_version
            if (last !== undefined && version !== last) onCommit()
            last = version
          })
          .catch((error) => payload.logger.error({ err: error }, 'commit check failed'))
          .finally(() => (checking = false))
      }, everyMs)
      timer.unref()
      return () => clearInterval(timer)
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
      return rows.map((row): Revocation => {
        const [id, userId] = [Number(row.id), String(row.user_id)]
        if (row.kind === 'sessions') return { id, kind: 'sessions', userId, sessionIds: JSON.parse(String(row.session_ids)) as string[] }
        return { id, kind: row.kind === 'user' ? 'user' : 'changed', userId }
      })
    },
    async pruneRevocations(olderThanMs) {
      const result = await execute('DELETE FROM auth_revocations WHERE revoked_at < ?', [Date.now() - olderThanMs])
      return result.rowsAffected
    },
  }
}
