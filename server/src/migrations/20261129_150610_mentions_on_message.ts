import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-sqlite'

import { FEED_TRIGGERS } from '../db/sqlite/feed-schema'

type Db = MigrateUpArgs['db']

// Copying mentions between the column and the relationship rows rewrites messages: that is no
// change a client must see, so the feed's triggers are set aside meanwhile and installed again
// as feed-schema.ts has them now (which also brings existing databases the current triggers).
async function withoutFeedTriggers(db: Db, copy: () => Promise<void>): Promise<void> {
  for (const name of Object.keys(FEED_TRIGGERS)) await db.run(sql.raw(`DROP TRIGGER IF EXISTS ${name}`))
  await copy()
  for (const [name, body] of Object.entries(FEED_TRIGGERS)) await db.run(sql.raw(`CREATE TRIGGER IF NOT EXISTS ${name} ${body}`))
}

// Mentions move from `messages_rels` (written after the message row, so the change feed could
// read the message before its mentions) into a JSON column of the message row itself. An ALTER,
// not a rebuild of `messages`: a rebuild would drop the feed's triggers.
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`messages\` ADD \`mentions\` text DEFAULT '[]';`)
  await withoutFeedTriggers(db, async () => {
    await db.run(sql`UPDATE messages SET mentions = (
      SELECT json_group_array(users_id) FROM (
        SELECT users_id FROM messages_rels WHERE parent_id = messages.id AND path = 'mentions' AND users_id IS NOT NULL ORDER BY "order"))
      WHERE EXISTS (SELECT 1 FROM messages_rels WHERE parent_id = messages.id AND path = 'mentions')`)
  })
  await db.run(sql`DROP TABLE \`messages_rels\`;`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
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
  // Users deleted since are left out (the relationship rows reference users).
  await db.run(sql`INSERT INTO messages_rels ("order", parent_id, path, users_id)
    SELECT CAST(j.key AS INTEGER) + 1, m.id, 'mentions', j.value FROM messages m, json_each(m.mentions) j
    WHERE json_valid(m.mentions) AND j.value IN (SELECT id FROM users)`)
  await db.run(sql`ALTER TABLE \`messages\` DROP COLUMN \`mentions\`;`)
}
