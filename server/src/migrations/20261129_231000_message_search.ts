import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-sqlite'

import { DROP_MESSAGE_SEARCH, MESSAGE_SEARCH_SCHEMA, REBUILD_SEARCH } from '../db/sqlite/search-schema'

// Full-text search of messages (#17): the FTS5 index and its triggers, backfilled with every
// message stored so far. The start installs the same again (idempotent) and rebuilds the index if
// a part was missing (db/sqlite/search.ts).
export async function up({ db }: MigrateUpArgs): Promise<void> {
  for (const statement of MESSAGE_SEARCH_SCHEMA) await db.run(sql.raw(statement))
  await db.run(sql.raw(REBUILD_SEARCH))
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  for (const statement of DROP_MESSAGE_SEARCH) await db.run(sql.raw(statement))
}
