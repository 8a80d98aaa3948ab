import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

import { PRESENCE_SCHEMA_POSTGRES, PRESENCE_TABLES } from '../db/postgres/presence-store'

// Presence and typing shared by every instance on the database (issue #16, docs/scaling.md):
// live processes, their streams' login sessions, when users were last seen, and the events the
// instances follow (src/db/presence-store.ts). Not part of Payload's schema.
export async function up({ db }: MigrateUpArgs): Promise<void> {
  for (const statement of PRESENCE_SCHEMA_POSTGRES) await db.execute(sql.raw(statement))
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  for (const table of PRESENCE_TABLES) await db.execute(sql.raw(`DROP TABLE IF EXISTS ${table}`))
}
