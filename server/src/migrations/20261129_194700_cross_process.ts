import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-sqlite'

// Several server processes on one database (WEB_CONCURRENCY, docs/scaling.md): a logout, password
// reset, deletion or role change on one process must reach the auth cache and the open streams of
// every other.
// Each revocation is a row every process follows by id (src/auth/revocation-follower.ts); rows
// older than the longest time they decide anything are pruned. Not part of Payload's schema.
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.run(
    sql.raw(`CREATE TABLE IF NOT EXISTS auth_revocations (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      kind TEXT NOT NULL CHECK (kind IN ('sessions', 'user', 'changed')),
      user_id TEXT NOT NULL,
      session_ids TEXT,
      revoked_at INTEGER NOT NULL
    )`),
  )
  await db.run(sql.raw(`CREATE INDEX IF NOT EXISTS auth_revocations_revoked_at ON auth_revocations (revoked_at)`))
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.run(sql.raw(`DROP TABLE IF EXISTS auth_revocations`))
}
