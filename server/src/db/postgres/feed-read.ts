// Reading the change feed on PostgreSQL: the rows after a position and their events, one query per
// batch, with the columns ../feed-rows.ts maps (as sqlite/feed-events.ts does on SQLite). `position`
// is the change id; rows not yet sequenced (position NULL) are never read. Timestamps leave as ISO
// strings, as SQLite stores them and REST returns them.
import type { Pool } from 'pg'

import type { ChangeEvent } from '../change-feed'
import { type ChangeRow, type ReadDialect, readSql, type Row, rowsAndEvents, visibilityCondition } from '../feed-rows'

// The reader's user id is always $2 (the cursor is $1).
export const visibleToOrAll = (userId: number | string | undefined) =>
  userId === undefined
    ? { sql: 'TRUE', args: [] as Array<string | number> }
    : { sql: visibilityCondition({
        order: 'position',
        joined: 'joined_position',
        left: 'left_position',
        user: () => '$2',
        pending: { leftChange: 'left_change' },
      }), args: [userId] }

// Timestamps leave as ISO strings (as SQLite stores them, as REST returns them), enums as text.
const POSTGRES: ReadDialect = {
  order: 'position',
  time: (column) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
  text: (column) => `${column}::text`,
  json: 'postgres',
}

export function readQuery({ after, limit, userId }: { after: number; limit: number; userId?: number | string }) {
  const forUser = visibleToOrAll(userId)
  const values = [after, ...forUser.args, limit]
  return { text: readSql(POSTGRES, { after: '$1', visible: forUser.sql, limit: `$${values.length}` }), values }
}

// The change rows after a position and their events (../feed-rows.ts).
export async function readEvents(
  pool: Pool,
  options: { after: number; limit: number; userId?: number | string },
): Promise<{ rows: ChangeRow[]; events: ChangeEvent[] }> {
  const { rows: records } = await pool.query<Row>(readQuery(options))
  return rowsAndEvents(records)
}
