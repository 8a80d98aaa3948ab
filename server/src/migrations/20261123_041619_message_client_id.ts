import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`messages\` ADD \`client_id\` text;`)
  await db.run(sql`CREATE UNIQUE INDEX \`sender_clientId_idx\` ON \`messages\` (\`sender_id\`,\`client_id\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`sender_clientId_idx\`;`)
  await db.run(sql`ALTER TABLE \`messages\` DROP COLUMN \`client_id\`;`)
}
