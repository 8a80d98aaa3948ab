import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

import { REACTION_FEED_SCHEMA } from '../db/postgres/feed-schema'

// Frozen with this migration: the change rows' kinds before and after it (feed-rows.ts may grow).
const BEFORE = `'created', 'updated', 'deleted', 'room.member.joined', 'room.member.left', 'room.updated', 'read', 'report'`
const AFTER = `${BEFORE}, 'reaction'`

const kindCheck = (kinds: string) => [
  `ALTER TABLE message_changes DROP CONSTRAINT IF EXISTS message_changes_kind_check`,
  `ALTER TABLE message_changes ADD CONSTRAINT message_changes_kind_check CHECK (kind IN (${kinds}))`,
]

// Reactions in the feed (#17), as SQLite's reaction_feed migration: a new kind of change row,
// `reaction`, written by triggers on `reactions` (src/db/postgres/feed-schema.ts, also installed
// again at every start); PostgreSQL changes a CHECK in place.
export async function up({ db }: MigrateUpArgs): Promise<void> {
  for (const statement of [...kindCheck(AFTER), ...REACTION_FEED_SCHEMA]) await db.execute(sql.raw(statement))
}

// Back to the feed before it: reaction rows are dropped (reactions stay in their table, unannounced).
export async function down({ db }: MigrateDownArgs): Promise<void> {
  for (const [trigger, table] of [
    ['feed_reaction', 'reactions'],
    ['feed_message_reactions', 'messages'],
    ['feed_user_reactions', 'users'],
  ]) {
    await db.execute(sql.raw(`DROP TRIGGER IF EXISTS ${trigger} ON ${table}`))
  }
  for (const fn of ['feed_reaction_change()', 'feed_message_reactions_drop()', 'feed_user_reactions_remove()']) {
    await db.execute(sql.raw(`DROP FUNCTION IF EXISTS ${fn}`))
  }
  await db.execute(sql.raw(`DELETE FROM message_changes WHERE kind = 'reaction'`))
  for (const statement of kindCheck(BEFORE)) await db.execute(sql.raw(statement))
}
