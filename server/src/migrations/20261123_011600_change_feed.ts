import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-sqlite'

import { CHANGE_FEED_SCHEMA } from '../db/sqlite/change-feed'

// The commit-ordered change feed: a table and triggers on messages (see db/sqlite/change-feed.ts).
// The same idempotent statements run again at every start.
export async function up({ db }: MigrateUpArgs): Promise<void> {
  for (const statement of CHANGE_FEED_SCHEMA) await db.run(sql.raw(statement))
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  for (const kind of ['created', 'updated', 'deleted']) {
    await db.run(sql.raw(`DROP TRIGGER IF EXISTS messages_change_${kind}`))
  }
  await db.run(sql`DROP TABLE IF EXISTS message_changes`)
}
