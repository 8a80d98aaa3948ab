import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

import { GENERAL_ROOM, POSTGRES_FEED_SCHEMA, REVOCATIONS_SCHEMA } from '../db/postgres/feed-schema'

// What SQLite's hand-written migrations add to Payload's schema, on PostgreSQL in one step: the
// room `general` (before the feed's triggers, as on SQLite: it is no change), the revocations
// every process follows, and the change feed with its triggers (src/db/postgres/feed-schema.ts;
// also run at every start, idempotent).
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql.raw(GENERAL_ROOM))
  for (const statement of [...REVOCATIONS_SCHEMA, ...POSTGRES_FEED_SCHEMA]) await db.execute(sql.raw(statement))
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  for (const [trigger, table] of [
    ['feed_message', 'messages'],
    ['feed_membership', 'room_memberships'],
    ['feed_room', 'rooms'],
    ['feed_read', 'conversation_reads'],
    ['feed_report', 'reports'],
  ]) {
    await db.execute(sql.raw(`DROP TRIGGER IF EXISTS ${trigger} ON ${table}`))
  }
  for (const fn of ['feed_message_change()', 'feed_membership_change()', 'feed_room_change()', 'feed_read_change()', 'feed_report_change()', 'feed_join(integer, integer)', 'feed_leave(integer, integer)']) {
    await db.execute(sql.raw(`DROP FUNCTION IF EXISTS ${fn}`))
  }
  for (const table of ['message_removals', 'room_member_periods', 'message_changes', 'auth_revocations']) {
    await db.execute(sql.raw(`DROP TABLE IF EXISTS ${table}`))
  }
  await db.execute(sql.raw(`DROP SEQUENCE IF EXISTS feed_position`))
  await db.execute(sql`DELETE FROM "room_memberships" WHERE "room_id" IN (SELECT "id" FROM "rooms" WHERE "system_key" = 'general')`)
  await db.execute(sql`DELETE FROM "messages" WHERE "room_id" IN (SELECT "id" FROM "rooms" WHERE "system_key" = 'general')`)
  await db.execute(sql`DELETE FROM "rooms" WHERE "system_key" = 'general'`)
}
