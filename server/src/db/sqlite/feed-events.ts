// Reading the change feed on SQLite: the change rows after a cursor and their events, in one query
// per batch (no query per event). Each message row is joined with its message as it is now (the
// shape REST returns at depth 1: users and the room as {id, name}, mentions as ids, kept in the message row); one whose
// message is gone by now has no event (its delete follows). Membership and room rows always have
// an event: the audience index of every process follows them.
import type { Payload } from 'payload'

import type { ChangeEvent } from '../change-feed'
import { sqliteClient } from '../client'
import { type ChangeRow, type ReadDialect, readSql, type Row, rowsAndEvents, visibilityCondition } from '../feed-rows'

export type { ChangeRow, FeedKind } from '../feed-rows'
export { toEvent } from '../feed-rows'

export type InArgs = Array<string | number | bigint | null>

// The rows a user may see (../feed-rows.ts): on SQLite, ids are commit order and periods hold them.
export function visibleTo(userId: number | string): { sql: string; args: InArgs } {
  return {
    sql: visibilityCondition({ order: 'id', joined: 'joined_change', left: 'left_change', user: () => '?' }),
    args: [userId, userId, userId, userId],
  }
}

// The filter of a read: one user's visibility, or every change (the poller, the admin scope).
export const visibleToOrAll = (userId: number | string | undefined) =>
  userId === undefined ? { sql: '1', args: [] as InArgs } : visibleTo(userId)

// SQLite stores timestamps as ISO text and enums as text: both leave as they are.
const SQLITE: ReadDialect = { order: 'id', time: (column) => column, text: (column) => column, json: 'sqlite' }

export function readQuery({ after, limit, userId }: { after: number; limit: number; userId?: number | string }) {
  const forUser = visibleToOrAll(userId)
  return {
    sql: readSql(SQLITE, { after: '?', visible: forUser.sql, limit: '?' }),
    args: [after, ...forUser.args, limit] as InArgs,
  }
}

// The change rows after a cursor and their events (../feed-rows.ts).
export async function readEvents(
  payload: Payload,
  options: { after: number; limit: number; userId?: number | string },
): Promise<{ rows: ChangeRow[]; events: ChangeEvent[] }> {
  const { rows: records } = await sqliteClient(payload).execute(readQuery(options))
  return rowsAndEvents(records as unknown as Row[])
}
