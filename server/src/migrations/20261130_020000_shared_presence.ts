import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-sqlite'

import { PRESENCE_SCHEMA_SQLITE, PRESENCE_TABLES } from '../db/sqlite/presence-store'

// Presence and typing shared by every process on the database (issue #16, docs/scaling.md):
// live processes, their streams' login sessions, when users were last seen, and the events the
// processes follow (src/db/presence-store.ts). Not part of Payload's schema.
export async function up({ db }: MigrateUpArgs): Promise<void> {
  for (const statement of PRESENCE_SCHEMA_SQLITE) await db.run(sql.raw(statement))
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  for (const table of PRESENCE_TABLES) await db.run(sql.raw(`DROP TABLE IF EXISTS ${table}`))
}
