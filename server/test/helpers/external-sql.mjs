// A connection of its own to the test's database (DATABASE_URI: a `file:` SQLite file or a
// `postgres://` database), as a script or another server process would open one: nothing goes
// through Payload's connection. Statements are written once with `?` placeholders (SQLite's),
// numbered `$1, $2…` for PostgreSQL. Plain JavaScript: external-writer.mjs runs it in a child process.
import { createClient } from '@libsql/client'
import pg from 'pg'

const isPostgres = (url) => /^postgres(ql)?:\/\//i.test(url)

// `?` → `$n`, in order (the statements here carry no `?` inside string literals).
const numbered = (sql) => {
  let n = 0
  return sql.replace(/\?/g, () => `$${++n}`)
}

/**
 * @typedef {{ sql: string, args: Array<string | number> }} Statement
 * @typedef {{
 *   execute(sql: string, args?: Array<string | number>): Promise<Array<Record<string, unknown>>>,
 *   transaction(statements: Statement[], mode?: 'write' | 'read'): Promise<Array<Array<Record<string, unknown>>>>,
 *   close(): Promise<void>,
 * }} Connection
 */

// A statement's rows; a transaction's statements in one commit (`read`: one snapshot, as SQLite's
// read batch), the rows of each; close.
/** @param {string} url @returns {Promise<Connection>} */
export async function connectElsewhere(url) {
  if (isPostgres(url)) {
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    const execute = async (sql, args = []) => (await client.query(numbered(sql), args)).rows
    return {
      execute,
      async transaction(statements, mode = 'write') {
        await client.query(mode === 'read' ? 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY' : 'BEGIN')
        try {
          const results = []
          for (const { sql, args } of statements) results.push(await execute(sql, args))
          await client.query('COMMIT')
          return results
        } catch (error) {
          await client.query('ROLLBACK').catch(() => {})
          throw error
        }
      },
      close: () => client.end(),
    }
  }
  // A bare path is a SQLite file too (the browser tests pass their server's file).
  const client = createClient({ url: /^[a-z][a-z0-9+.-]*:/i.test(url) ? url : `file:${url}` })
  // Another writer of the same file waits for the lock as a script would, never fails at once.
  await client.execute('PRAGMA busy_timeout = 5000')
  return {
    execute: async (sql, args = []) => (await client.execute({ sql, args })).rows.map((row) => ({ ...row })),
    transaction: async (statements, mode = 'write') => (await client.batch(statements, mode)).map((result) => result.rows.map((row) => ({ ...row }))),
    close: async () => client.close(),
  }
}
