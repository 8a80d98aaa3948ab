import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

// One open report per (reporter, message), as SQLite's moderation migration has it: Payload's
// schema cannot say "unique while open", so the generated baseline lacks this partial index and
// a member could file the same report twice (two at once included). The collection answers its
// uniqueness error with a 409 (Reports/hooks/answerDuplicateReport.ts).
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`CREATE UNIQUE INDEX IF NOT EXISTS "reports_open_once" ON "reports" ("reporter_id", "reported_message_id") WHERE "status" = 'open'`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`DROP INDEX IF EXISTS "reports_open_once"`)
}
