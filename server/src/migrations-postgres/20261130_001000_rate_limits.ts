import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

import { RATE_LIMITS_SCHEMA, RATE_LIMITS_TABLE } from '../db/postgres/rate-limit-store'

// The shared rate limits' table (RATE_LIMIT_STORE=database: src/db/postgres/rate-limit-store.ts).
// SQLite keeps its counts in a side file the store creates; on PostgreSQL they live in the database
// every instance shares, created here once, before any worker counts.
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql.raw(RATE_LIMITS_SCHEMA))
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql.raw(`DROP TABLE IF EXISTS ${RATE_LIMITS_TABLE}`))
}
