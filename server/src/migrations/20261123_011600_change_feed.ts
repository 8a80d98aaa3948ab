import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-sqlite'

// The commit-ordered change feed as it first shipped: a table and triggers on messages. Frozen
// here (the feed of today is db/sqlite/feed-schema.ts, which 20261129_140000_room_feed installs
// over this), so a database migrated step by step goes through the same shapes as one that lived
// through them.
export const LEGACY_CHANGE_FEED_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS message_changes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('created', 'updated', 'deleted')),
    message_id INTEGER NOT NULL,
    sender_id INTEGER,
    receiver_id INTEGER,
    changed_at INTEGER NOT NULL DEFAULT (CAST(strftime('%s', 'now') AS INTEGER))
  )`,
  `CREATE INDEX IF NOT EXISTS message_changes_changed_at_idx ON message_changes (changed_at)`,
  `CREATE TRIGGER IF NOT EXISTS messages_change_created AFTER INSERT ON messages BEGIN
    INSERT INTO message_changes (kind, message_id, sender_id, receiver_id)
    VALUES ('created', NEW.id, NEW.sender_id, NEW.receiver_id);
  END`,
  `CREATE TRIGGER IF NOT EXISTS messages_change_updated AFTER UPDATE ON messages BEGIN
    INSERT INTO message_changes (kind, message_id, sender_id, receiver_id)
    VALUES ('updated', NEW.id, NEW.sender_id, NEW.receiver_id);
  END`,
  `CREATE TRIGGER IF NOT EXISTS messages_change_deleted AFTER DELETE ON messages BEGIN
    INSERT INTO message_changes (kind, message_id, sender_id, receiver_id)
    VALUES ('deleted', OLD.id, OLD.sender_id, OLD.receiver_id);
  END`,
]

export async function up({ db }: MigrateUpArgs): Promise<void> {
  for (const statement of LEGACY_CHANGE_FEED_SCHEMA) await db.run(sql.raw(statement))
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  for (const kind of ['created', 'updated', 'deleted']) {
    await db.run(sql.raw(`DROP TRIGGER IF EXISTS messages_change_${kind}`))
  }
  await db.run(sql`DROP TABLE IF EXISTS message_changes`)
}
