import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

import { FEED_TRIGGERS } from '../db/sqlite/feed-schema'

type Db = MigrateUpArgs['db']

// The rebuild drops the table's triggers (the feed's joins and leaves): they come back as
// feed-schema.ts has them. Dropping the old table fires none (SQLite drops triggers first).
async function restoreFeedTriggers(db: Db): Promise<void> {
  for (const [name, body] of Object.entries(FEED_TRIGGERS)) await db.run(sql.raw(`CREATE TRIGGER IF NOT EXISTS ${name} ${body}`))
}

// New memberships default to notifications for mentions only (DEFAULT_NOTIFY_LEVEL). Payload
// writes the level on every insert; this is the column's own default (for writers that leave it
// out) and the schema snapshot. Existing memberships keep the level they have: no data changes.

export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_room_memberships\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`room_id\` integer NOT NULL,
  	\`user_id\` integer NOT NULL,
  	\`role\` text DEFAULT 'member' NOT NULL,
  	\`joined_at\` text,
  	\`last_read_id\` numeric DEFAULT 0 NOT NULL,
  	\`notify\` text DEFAULT 'mentions' NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`room_id\`) REFERENCES \`rooms\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`user_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`INSERT INTO \`__new_room_memberships\`("id", "room_id", "user_id", "role", "joined_at", "last_read_id", "notify", "updated_at", "created_at") SELECT "id", "room_id", "user_id", "role", "joined_at", "last_read_id", "notify", "updated_at", "created_at" FROM \`room_memberships\`;`)
  await db.run(sql`DROP TABLE \`room_memberships\`;`)
  await db.run(sql`ALTER TABLE \`__new_room_memberships\` RENAME TO \`room_memberships\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE INDEX \`room_memberships_room_idx\` ON \`room_memberships\` (\`room_id\`);`)
  await db.run(sql`CREATE INDEX \`room_memberships_user_idx\` ON \`room_memberships\` (\`user_id\`);`)
  await db.run(sql`CREATE INDEX \`room_memberships_updated_at_idx\` ON \`room_memberships\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`room_memberships_created_at_idx\` ON \`room_memberships\` (\`created_at\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`room_user_idx\` ON \`room_memberships\` (\`room_id\`,\`user_id\`);`)
  await restoreFeedTriggers(db)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_room_memberships\` (
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
  await db.run(sql`INSERT INTO \`__new_room_memberships\`("id", "room_id", "user_id", "role", "joined_at", "last_read_id", "notify", "updated_at", "created_at") SELECT "id", "room_id", "user_id", "role", "joined_at", "last_read_id", "notify", "updated_at", "created_at" FROM \`room_memberships\`;`)
  await db.run(sql`DROP TABLE \`room_memberships\`;`)
  await db.run(sql`ALTER TABLE \`__new_room_memberships\` RENAME TO \`room_memberships\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE INDEX \`room_memberships_room_idx\` ON \`room_memberships\` (\`room_id\`);`)
  await db.run(sql`CREATE INDEX \`room_memberships_user_idx\` ON \`room_memberships\` (\`user_id\`);`)
  await db.run(sql`CREATE INDEX \`room_memberships_updated_at_idx\` ON \`room_memberships\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`room_memberships_created_at_idx\` ON \`room_memberships\` (\`created_at\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`room_user_idx\` ON \`room_memberships\` (\`room_id\`,\`user_id\`);`)
  await restoreFeedTriggers(db)
}
