import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-sqlite'

import { CHANGE_FEED_WITH_MODERATION, CHANGE_FEED_WITH_REACTIONS, REACTION_TRIGGERS } from '../db/sqlite/feed-schema'
import { rebuildChanges } from './20261129_140000_room_feed'
import { OTHER_TRIGGERS, READ_FEED_COLUMNS, READ_FEED_KINDS, table } from './20261129_200000_moderation_feed'

// Frozen with this migration: the change-row table's columns and kinds after it (feed-schema.ts may grow later).
const MODERATION_FEED_KINDS = `${READ_FEED_KINDS}, 'report'`
const COLUMNS = `${READ_FEED_COLUMNS}, removed_by, report_id, report_message_id, report_status, report_resolution`

// Reactions in the feed (#17): a reaction added or removed is a row of a new kind, `reaction`, with
// its message's conversation, written by triggers on `reactions`; a message's reactions go with it
// and a user's before them (feed-schema.ts, REACTION_TRIGGERS). SQLite changes a CHECK only by a
// rebuild: rows and ids kept, the sequence continues, every trigger comes back.
export async function up({ db }: MigrateUpArgs): Promise<void> {
  const alsoDrop = [...OTHER_TRIGGERS, ...Object.keys(REACTION_TRIGGERS)]
  await rebuildChanges(db, table(`${MODERATION_FEED_KINDS}, 'reaction'`, true), { columns: COLUMNS, where: '1' }, alsoDrop)
  for (const statement of CHANGE_FEED_WITH_REACTIONS) await db.run(sql.raw(statement))
}

// Back to the feed of the moderation_feed migration: reaction rows are dropped (reactions stay in
// their table, unannounced); the sequence is kept.
export async function down({ db }: MigrateDownArgs): Promise<void> {
  const alsoDrop = [...OTHER_TRIGGERS, ...Object.keys(REACTION_TRIGGERS)]
  await rebuildChanges(db, table(MODERATION_FEED_KINDS, true), { columns: COLUMNS, where: "kind <> 'reaction'" }, alsoDrop)
  for (const statement of CHANGE_FEED_WITH_MODERATION) await db.run(sql.raw(statement))
}
