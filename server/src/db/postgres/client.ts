// The pg pool under Payload's PostgreSQL adapter, for the SQL Payload's query API cannot express
// (the change feed, revocations). Only db/postgres uses it.
import type { PostgresAdapter } from '@payloadcms/db-postgres'
import type { Pool, PoolClient } from 'pg'
import type { Payload } from 'payload'

export const postgresPool = (payload: Payload): Pool => (payload.db as unknown as PostgresAdapter).pool

export async function inTransaction<T>(client: PoolClient, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN')
  try {
    const result = await work()
    await client.query('COMMIT')
    return result
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  }
}

// Runs an install's statements in one transaction under an advisory lock: two instances starting
// at once would otherwise both create or replace the same functions ("tuple concurrently updated").
// `lockTimeout` (e.g. '2s'): give way to writers rather than queue them behind the install.
export async function installLocked(pool: Pool, lock: number, statements: readonly string[], lockTimeout?: string): Promise<void> {
  const client = await pool.connect()
  client.on('error', () => {})
  try {
    await inTransaction(client, async () => {
      if (lockTimeout) await client.query(`SET LOCAL lock_timeout = '${lockTimeout}'`)
      await client.query('SELECT pg_advisory_xact_lock($1)', [lock])
      for (const statement of statements) await client.query(statement)
    })
  } finally {
    client.release()
  }
}

// pg-pool emits `error` on the Pool when the server ends an idle pooled connection (a restart or
// failover, pg_terminate_backend, idle_session_timeout, a proxy); with no listener that is an
// uncaught exception that ends a plain Node process. Logged instead: the pool replaces the
// connection on the next checkout. Once per pool (db-postgres attaches none).
const watched = new WeakSet<Pool>()
export function logPoolErrors(payload: Payload): void {
  const pool = postgresPool(payload)
  if (watched.has(pool)) return
  watched.add(pool)
  pool.on('error', (error) => payload.logger.warn({ err: error }, 'an idle PostgreSQL connection was closed by the server; the pool replaces it'))
}
