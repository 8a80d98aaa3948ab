// The pg pool under Payload's PostgreSQL adapter, for the SQL Payload's query API cannot express
// (the change feed, revocations). Only db/postgres uses it.
import type { PostgresAdapter } from '@payloadcms/db-postgres'
import type { Pool } from 'pg'
import type { Payload } from 'payload'

export const postgresPool = (payload: Payload): Pool => (payload.db as unknown as PostgresAdapter).pool

// Runs an install's statements in one transaction under an advisory lock: two instances starting
// at once would otherwise both create or replace the same functions ("tuple concurrently updated").
export async function installLocked(pool: Pool, lock: number, statements: readonly string[]): Promise<void> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    await client.query('SELECT pg_advisory_xact_lock($1)', [lock])
    for (const statement of statements) await client.query(statement)
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  } finally {
    client.release()
  }
}
