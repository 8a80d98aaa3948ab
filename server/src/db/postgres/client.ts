// The pg pool under Payload's PostgreSQL adapter, for the SQL Payload's query API cannot express
// (the change feed, revocations). Only db/postgres uses it.
import type { PostgresAdapter } from '@payloadcms/db-postgres'
import type { Pool } from 'pg'
import type { Payload } from 'payload'

export const postgresPool = (payload: Payload): Pool => (payload.db as unknown as PostgresAdapter).pool
