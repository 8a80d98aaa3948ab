import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

import { DROP_MESSAGE_SEARCH, MESSAGE_SEARCH_SCHEMA } from '../db/postgres/search-schema'

// Full-text search of messages (#17) on PostgreSQL, as SQLite's message_search migration: the
// stored generated tsvector column (computed for every message stored so far as it is added: a
// rewrite of `messages` under its lock, seconds for 100,000 messages), its GIN index and the
// functions and text search configuration that build words (src/db/postgres/search-schema.ts).
export async function up({ db }: MigrateUpArgs): Promise<void> {
  for (const statement of MESSAGE_SEARCH_SCHEMA) await db.execute(sql.raw(statement))
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  for (const statement of DROP_MESSAGE_SEARCH) await db.execute(sql.raw(statement))
}
