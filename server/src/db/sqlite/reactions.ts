// Reactions and replies' quotes on SQLite (issue #17): what REST adds to the messages it returns,
// and the toggle. The change rows of a toggle are written by the triggers on `reactions`
// (feed-schema.ts), in the statement's own transaction.
import type { Payload } from 'payload'

import type { Reaction, ReplyQuote } from '../../protocol'
import { sqliteClient } from '../client'
import { jsonList, QUOTE_OF_M, REACTIONS_OF_M, replyQuoteOf, type Row } from './feed-events'

export interface RepliesAndReactions {
  replyQuote: ReplyQuote | null
  reactions: Reaction[]
}

// SQLite's bound-parameter limit is far above a page (at most 100 documents); a Local API read
// without a limit is read in slices of this many.
const CHUNK = 500

// The quote and the reactions of each of these messages, as they are now: one query per page (the
// same SQL the feed reads them with, so REST and the stream agree). Ids of messages that are gone
// are absent from the map.
export async function repliesAndReactionsOf(payload: Payload, ids: readonly number[]): Promise<Map<number, RepliesAndReactions>> {
  const found = new Map<number, RepliesAndReactions>()
  for (let i = 0; i < ids.length; i += CHUNK) {
    const slice = ids.slice(i, i + CHUNK)
    const { rows } = await sqliteClient(payload).execute({
      sql: `SELECT m.id, ${QUOTE_OF_M.columns}, ${REACTIONS_OF_M} AS reactions
            FROM messages m ${QUOTE_OF_M.joins}
            WHERE m.id IN (${slice.map(() => '?').join(', ')})`,
      args: slice,
    })
    for (const record of rows as unknown as Row[]) {
      found.set(Number(record.id), { replyQuote: replyQuoteOf(record), reactions: jsonList<Reaction>(record.reactions) })
    }
  }
  return found
}

// What a toggle did: `full` when the emoji would be one more than `maxEmoji` distinct ones on the
// message, `gone` when the message no longer exists.
export type ToggleOutcome = 'added' | 'removed' | 'full' | 'gone'

// Removes the user's reaction if they have it, else adds it once `mayAdd` (if given) has not thrown:
// a refusal that concerns new reactions only (a block) never keeps anyone from taking theirs back.
// Each step is one statement, so the limit of distinct emoji and the message's existence are checked
// in the insert itself; the unique index (message, user, emoji) makes two identical toggles racing each other one row: the loser's
// insert does nothing and it answers `added` like the winner (the user asked for the reaction twice).
export async function toggleReaction(
  payload: Payload,
  { message, user, emoji, maxEmoji, mayAdd }: { message: number; user: number; emoji: string; maxEmoji: number; mayAdd?: () => Promise<void> },
): Promise<ToggleOutcome> {
  const client = sqliteClient(payload)
  const removed = await client.execute({
    sql: `DELETE FROM reactions WHERE message_id = ? AND user_id = ? AND emoji = ?`,
    args: [message, user, emoji],
  })
  if (removed.rowsAffected > 0) return 'removed'
  await mayAdd?.()
  const added = await client.execute({
    sql: `INSERT INTO reactions (message_id, user_id, emoji)
          SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM messages WHERE id = ?1)
            AND (EXISTS (SELECT 1 FROM reactions WHERE message_id = ?1 AND emoji = ?3 AND user_id IS NOT NULL)
              OR (SELECT COUNT(DISTINCT emoji) FROM reactions WHERE message_id = ?1 AND user_id IS NOT NULL) < ?4)
          ON CONFLICT DO NOTHING`,
    args: [message, user, emoji, maxEmoji],
  })
  if (added.rowsAffected > 0) return 'added'
  const { rows } = await client.execute({
    sql: `SELECT EXISTS (SELECT 1 FROM reactions WHERE message_id = ?1 AND user_id = ?2 AND emoji = ?3) AS mine,
            EXISTS (SELECT 1 FROM messages WHERE id = ?1) AS live`,
    args: [message, user, emoji],
  })
  if (Number(rows[0]?.mine)) return 'added'
  return Number(rows[0]?.live) ? 'full' : 'gone'
}
