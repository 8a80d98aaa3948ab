import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

import { SEQUENCE_FUNCTION, SEQUENCE_FUNCTION_NAME } from '../db/postgres/sequencer'

// The change feed's sequencer as one server-side function (issue #16): a sequencing after each
// write is one statement, one round trip, instead of a seven-statement transaction
// (src/db/postgres/sequencer.ts). PostgreSQL only: SQLite's feed needs no sequencer (one writer
// at a time, ids follow commit order). A database that missed this migration gets the function
// at start too (src/db/postgres/change-feed.ts installPostgresFeed).
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql.raw(SEQUENCE_FUNCTION))
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql.raw(`DROP FUNCTION IF EXISTS ${SEQUENCE_FUNCTION_NAME}(boolean)`))
}
