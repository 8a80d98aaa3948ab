import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`reports\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`reporter_id\` integer,
  	\`message_id\` integer,
  	\`reported_message_id\` numeric,
  	\`reason\` text NOT NULL,
  	\`note\` text,
  	\`content\` text,
  	\`author_id\` integer,
  	\`room_id\` integer,
  	\`receiver_id\` integer,
  	\`status\` text DEFAULT 'open' NOT NULL,
  	\`resolution\` text,
  	\`resolved_by_id\` integer,
  	\`resolved_at\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`reporter_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`message_id\`) REFERENCES \`messages\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`author_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`room_id\`) REFERENCES \`rooms\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`receiver_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`resolved_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`reports_reporter_idx\` ON \`reports\` (\`reporter_id\`);`)
  await db.run(sql`CREATE INDEX \`reports_message_idx\` ON \`reports\` (\`message_id\`);`)
  await db.run(sql`CREATE INDEX \`reports_reported_message_id_idx\` ON \`reports\` (\`reported_message_id\`);`)
  await db.run(sql`CREATE INDEX \`reports_author_idx\` ON \`reports\` (\`author_id\`);`)
  await db.run(sql`CREATE INDEX \`reports_room_idx\` ON \`reports\` (\`room_id\`);`)
  await db.run(sql`CREATE INDEX \`reports_receiver_idx\` ON \`reports\` (\`receiver_id\`);`)
  await db.run(sql`CREATE INDEX \`reports_status_idx\` ON \`reports\` (\`status\`);`)
  await db.run(sql`CREATE INDEX \`reports_resolved_by_idx\` ON \`reports\` (\`resolved_by_id\`);`)
  await db.run(sql`CREATE INDEX \`reports_updated_at_idx\` ON \`reports\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`reports_created_at_idx\` ON \`reports\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`moderation_log\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`actor_id\` integer,
  	\`actor_name\` text,
  	\`action\` text NOT NULL,
  	\`target_type\` text NOT NULL,
  	\`target_id\` numeric NOT NULL,
  	\`target_label\` text,
  	\`before\` text,
  	\`after\` text,
  	\`reason\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`actor_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`moderation_log_actor_idx\` ON \`moderation_log\` (\`actor_id\`);`)
  await db.run(sql`CREATE INDEX \`moderation_log_action_idx\` ON \`moderation_log\` (\`action\`);`)
  await db.run(sql`CREATE INDEX \`moderation_log_target_id_idx\` ON \`moderation_log\` (\`target_id\`);`)
  await db.run(sql`CREATE INDEX \`moderation_log_updated_at_idx\` ON \`moderation_log\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`moderation_log_created_at_idx\` ON \`moderation_log\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`blocks\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`blocker_id\` integer,
  	\`blocked_id\` integer,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`blocker_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`blocked_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`blocks_blocker_idx\` ON \`blocks\` (\`blocker_id\`);`)
  await db.run(sql`CREATE INDEX \`blocks_blocked_idx\` ON \`blocks\` (\`blocked_id\`);`)
  await db.run(sql`CREATE INDEX \`blocks_updated_at_idx\` ON \`blocks\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`blocks_created_at_idx\` ON \`blocks\` (\`created_at\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`blocker_blocked_idx\` ON \`blocks\` (\`blocker_id\`,\`blocked_id\`);`)
  await db.run(sql`ALTER TABLE \`users\` ADD \`suspended\` integer DEFAULT false;`)
  await db.run(sql`ALTER TABLE \`users\` ADD \`suspended_reason\` text;`)
  await db.run(sql`ALTER TABLE \`users\` ADD \`suspended_until\` text;`)
  await db.run(sql`ALTER TABLE \`messages\` ADD \`edited_by_moderator\` integer DEFAULT false;`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`reports_id\` integer REFERENCES reports(id);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`moderation_log_id\` integer REFERENCES moderation_log(id);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`blocks_id\` integer REFERENCES blocks(id);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_reports_id_idx\` ON \`payload_locked_documents_rels\` (\`reports_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_moderation_log_id_idx\` ON \`payload_locked_documents_rels\` (\`moderation_log_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_blocks_id_idx\` ON \`payload_locked_documents_rels\` (\`blocks_id\`);`)
  // One open report per (reporter, message), even under concurrent requests: the create hook
  // answers 409 from this index's refusal.
  await db.run(sql`CREATE UNIQUE INDEX \`reports_open_once\` ON \`reports\` (\`reporter_id\`, \`reported_message_id\`) WHERE \`status\` = 'open';`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP INDEX IF EXISTS \`reports_open_once\`;`)
  await db.run(sql`DROP TABLE \`reports\`;`)
  await db.run(sql`DROP TABLE \`moderation_log\`;`)
  await db.run(sql`DROP TABLE \`blocks\`;`)
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_payload_locked_documents_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`users_id\` integer,
  	\`messages_id\` integer,
  	\`rooms_id\` integer,
  	\`room_memberships_id\` integer,
  	\`conversation_reads_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`payload_locked_documents\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`messages_id\`) REFERENCES \`messages\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`rooms_id\`) REFERENCES \`rooms\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`room_memberships_id\`) REFERENCES \`room_memberships\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`conversation_reads_id\`) REFERENCES \`conversation_reads\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`INSERT INTO \`__new_payload_locked_documents_rels\`("id", "order", "parent_id", "path", "users_id", "messages_id", "rooms_id", "room_memberships_id", "conversation_reads_id") SELECT "id", "order", "parent_id", "path", "users_id", "messages_id", "rooms_id", "room_memberships_id", "conversation_reads_id" FROM \`payload_locked_documents_rels\`;`)
  await db.run(sql`DROP TABLE \`payload_locked_documents_rels\`;`)
  await db.run(sql`ALTER TABLE \`__new_payload_locked_documents_rels\` RENAME TO \`payload_locked_documents_rels\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_order_idx\` ON \`payload_locked_documents_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_parent_idx\` ON \`payload_locked_documents_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_path_idx\` ON \`payload_locked_documents_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_users_id_idx\` ON \`payload_locked_documents_rels\` (\`users_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_messages_id_idx\` ON \`payload_locked_documents_rels\` (\`messages_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_rooms_id_idx\` ON \`payload_locked_documents_rels\` (\`rooms_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_room_memberships_id_idx\` ON \`payload_locked_documents_rels\` (\`room_memberships_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_conversation_reads_id_idx\` ON \`payload_locked_documents_rels\` (\`conversation_reads_id\`);`)
  await db.run(sql`ALTER TABLE \`users\` DROP COLUMN \`suspended\`;`)
  await db.run(sql`ALTER TABLE \`users\` DROP COLUMN \`suspended_reason\`;`)
  await db.run(sql`ALTER TABLE \`users\` DROP COLUMN \`suspended_until\`;`)
  await db.run(sql`ALTER TABLE \`messages\` DROP COLUMN \`edited_by_moderator\`;`)
}
