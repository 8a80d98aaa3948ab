import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

// The public room `general` that every installation has and every user is in: created here once
// (the unique system_key makes a second run, or two processes starting at once, insert nothing),
// with every user of an upgraded database joined to it. New users join on sign-up
// (collections/Users/hooks/joinGeneralRoom.ts). Rows written here are not change rows: no
// stream is open while migrations run, and clients load rooms from REST when they connect.

// INSERT OR IGNORE on unique keys (rooms.system_key, room_memberships (room, user)): a second run,
// or a second process running them at the same moment, inserts nothing more.
export const ADD_GENERAL_ROOM = [
  `INSERT OR IGNORE INTO rooms (name, topic, visibility, system_key) VALUES ('general', 'Everyone is here.', 'public', 'general')`,
  `INSERT OR IGNORE INTO room_memberships (room_id, user_id, role, joined_at, last_read_id, notify)
     SELECT r.id, u.id, 'member', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 0, 'all'
     FROM rooms r, users u WHERE r.system_key = 'general'`,
]

export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`rooms\` ADD \`system_key\` text;`)
  await db.run(sql`CREATE UNIQUE INDEX \`rooms_system_key_idx\` ON \`rooms\` (\`system_key\`);`)
  for (const statement of ADD_GENERAL_ROOM) await db.run(sql.raw(statement))
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DELETE FROM \`room_memberships\` WHERE \`room_id\` IN (SELECT \`id\` FROM \`rooms\` WHERE \`system_key\` = 'general');`)
  await db.run(sql`DELETE FROM \`messages\` WHERE \`room_id\` IN (SELECT \`id\` FROM \`rooms\` WHERE \`system_key\` = 'general');`)
  await db.run(sql`DELETE FROM \`rooms\` WHERE \`system_key\` = 'general';`)
  await db.run(sql`DROP INDEX \`rooms_system_key_idx\`;`)
  await db.run(sql`ALTER TABLE \`rooms\` DROP COLUMN \`system_key\`;`)
}
