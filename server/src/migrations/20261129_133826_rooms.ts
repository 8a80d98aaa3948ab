import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`messages_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`users_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`messages\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`messages_rels_order_idx\` ON \`messages_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`messages_rels_parent_idx\` ON \`messages_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`messages_rels_path_idx\` ON \`messages_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`messages_rels_users_id_idx\` ON \`messages_rels\` (\`users_id\`);`)
  await db.run(sql`CREATE TABLE \`rooms\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`name\` text NOT NULL,
  	\`topic\` text,
  	\`visibility\` text DEFAULT 'public' NOT NULL,
  	\`created_by_id\` integer,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`created_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`rooms_name_idx\` ON \`rooms\` (\`name\`);`)
  await db.run(sql`CREATE INDEX \`rooms_created_by_idx\` ON \`rooms\` (\`created_by_id\`);`)
  await db.run(sql`CREATE INDEX \`rooms_updated_at_idx\` ON \`rooms\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`rooms_created_at_idx\` ON \`rooms\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`room_memberships\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`room_id\` integer NOT NULL,
  	\`user_id\` integer NOT NULL,
  	\`role\` text DEFAULT 'member' NOT NULL,
  	\`joined_at\` text,
  	\`last_read_id\` numeric DEFAULT 0 NOT NULL,
  	\`notify\` text DEFAULT 'all' NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`room_id\`) REFERENCES \`rooms\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`user_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`room_memberships_room_idx\` ON \`room_memberships\` (\`room_id\`);`)
  await db.run(sql`CREATE INDEX \`room_memberships_user_idx\` ON \`room_memberships\` (\`user_id\`);`)
  await db.run(sql`CREATE INDEX \`room_memberships_updated_at_idx\` ON \`room_memberships\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`room_memberships_created_at_idx\` ON \`room_memberships\` (\`created_at\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`room_user_idx\` ON \`room_memberships\` (\`room_id\`,\`user_id\`);`)
  // The rebuild below (a column stops being NOT NULL) drops `messages`, its sequence row and the
  // change-feed triggers on it: keep the high-water mark so message ids are never reused; the
  // triggers are created again by the change-feed migration after this one (and at every start).
  const [sequence] = await db.all<{ seq: number }>(sql`SELECT seq FROM sqlite_sequence WHERE name = 'messages'`)
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_messages\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`sender_id\` integer NOT NULL,
  	\`receiver_id\` integer,
  	\`room_id\` integer,
  	\`content\` text NOT NULL,
  	\`mentions_room\` integer DEFAULT false,
  	\`client_id\` text,
  	\`timestamp\` text,
  	\`edited_at\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`sender_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`receiver_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`room_id\`) REFERENCES \`rooms\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`INSERT INTO \`__new_messages\`("id", "sender_id", "receiver_id", "room_id", "content", "mentions_room", "client_id", "timestamp", "edited_at", "updated_at", "created_at") SELECT "id", "sender_id", "receiver_id", NULL, "content", 0, "client_id", "timestamp", "edited_at", "updated_at", "created_at" FROM \`messages\`;`)
  await db.run(sql`DROP TABLE \`messages\`;`)
  await db.run(sql`ALTER TABLE \`__new_messages\` RENAME TO \`messages\`;`)
  if (sequence) {
    await db.run(sql`DELETE FROM sqlite_sequence WHERE name = 'messages'`)
    await db.run(sql`INSERT INTO sqlite_sequence (name, seq) VALUES ('messages', ${sequence.seq})`)
  }
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE INDEX \`messages_sender_idx\` ON \`messages\` (\`sender_id\`);`)
  await db.run(sql`CREATE INDEX \`messages_receiver_idx\` ON \`messages\` (\`receiver_id\`);`)
  await db.run(sql`CREATE INDEX \`messages_room_idx\` ON \`messages\` (\`room_id\`);`)
  await db.run(sql`CREATE INDEX \`messages_timestamp_idx\` ON \`messages\` (\`timestamp\`);`)
  await db.run(sql`CREATE INDEX \`messages_updated_at_idx\` ON \`messages\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`messages_created_at_idx\` ON \`messages\` (\`created_at\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`sender_clientId_idx\` ON \`messages\` (\`sender_id\`,\`client_id\`);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`rooms_id\` integer REFERENCES rooms(id);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`room_memberships_id\` integer REFERENCES room_memberships(id);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_rooms_id_idx\` ON \`payload_locked_documents_rels\` (\`rooms_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_room_memberships_id_idx\` ON \`payload_locked_documents_rels\` (\`room_memberships_id\`);`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`messages_rels\`;`)
  await db.run(sql`DROP TABLE \`rooms\`;`)
  await db.run(sql`DROP TABLE \`room_memberships\`;`)
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_messages\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`sender_id\` integer NOT NULL,
  	\`receiver_id\` integer NOT NULL,
  	\`content\` text NOT NULL,
  	\`client_id\` text,
  	\`timestamp\` text,
  	\`edited_at\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`sender_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`receiver_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`INSERT INTO \`__new_messages\`("id", "sender_id", "receiver_id", "content", "client_id", "timestamp", "edited_at", "updated_at", "created_at") SELECT "id", "sender_id", "receiver_id", "content", "client_id", "timestamp", "edited_at", "updated_at", "created_at" FROM \`messages\`;`)
  await db.run(sql`DROP TABLE \`messages\`;`)
  await db.run(sql`ALTER TABLE \`__new_messages\` RENAME TO \`messages\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE INDEX \`messages_sender_idx\` ON \`messages\` (\`sender_id\`);`)
  await db.run(sql`CREATE INDEX \`messages_receiver_idx\` ON \`messages\` (\`receiver_id\`);`)
  await db.run(sql`CREATE INDEX \`messages_timestamp_idx\` ON \`messages\` (\`timestamp\`);`)
  await db.run(sql`CREATE INDEX \`messages_updated_at_idx\` ON \`messages\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`messages_created_at_idx\` ON \`messages\` (\`created_at\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`sender_clientId_idx\` ON \`messages\` (\`sender_id\`,\`client_id\`);`)
  await db.run(sql`CREATE TABLE \`__new_payload_locked_documents_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`users_id\` integer,
  	\`messages_id\` integer,
  	\`conversation_reads_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`payload_locked_documents\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`messages_id\`) REFERENCES \`messages\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`conversation_reads_id\`) REFERENCES \`conversation_reads\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`INSERT INTO \`__new_payload_locked_documents_rels\`("id", "order", "parent_id", "path", "users_id", "messages_id", "conversation_reads_id") SELECT "id", "order", "parent_id", "path", "users_id", "messages_id", "conversation_reads_id" FROM \`payload_locked_documents_rels\`;`)
  await db.run(sql`DROP TABLE \`payload_locked_documents_rels\`;`)
  await db.run(sql`ALTER TABLE \`__new_payload_locked_documents_rels\` RENAME TO \`payload_locked_documents_rels\`;`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_order_idx\` ON \`payload_locked_documents_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_parent_idx\` ON \`payload_locked_documents_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_path_idx\` ON \`payload_locked_documents_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_users_id_idx\` ON \`payload_locked_documents_rels\` (\`users_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_messages_id_idx\` ON \`payload_locked_documents_rels\` (\`messages_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_conversation_reads_id_idx\` ON \`payload_locked_documents_rels\` (\`conversation_reads_id\`);`)
}
