// Reactions and replies' quotes (issue #17): what REST adds to the messages it returns, and the
// toggle, on either database through the SQL seam (./sql.ts). The change rows of a toggle are
// written by the triggers on `reactions` (sqlite/feed-schema.ts, postgres/feed-schema.ts), in the
// statement's own transaction.
import type { Payload } from 'payload'

import type { Reaction, ReplyQuote } from '../protocol'
import { jsonList, QUOTE_OF_M, reactionsOfM, replyQuoteOf } from './feed-rows'
import { list, query, run, sql } from './sql'

export interface RepliesAndReactions {
  replyQuote: ReplyQuote | null
  reactions: Reaction[]
}

// Both databases' bound-parameter limits are far above a page (at most 100 documents); a Local
// API read without a limit is read in slices of this many.
const CHUNK = 500

// The quote and the reactions of each of these messages, as they are now: one query per page (the
// same SQL the feed reads them with, so REST and the stream agree). Ids of messages that are gone
// are absent from the map.
export async function repliesAndReactionsOf(payload: Payload, ids: readonly number[]): Promise<Map<number, RepliesAndReactions>> {
  const found = new Map<number, RepliesAndReactions>()
  for (let i = 0; i < ids.length; i += CHUNK) {
    const slice = ids.slice(i, i + CHUNK)
    const rows = await query(
      payload,
      ({ dialect }) => sql`SELECT m.id, ${sql.raw(QUOTE_OF_M.columns)}, ${sql.raw(reactionsOfM(dialect))} AS reactions
            FROM messages m ${sql.raw(QUOTE_OF_M.joins)}
            WHERE m.id IN (${list(slice)})`,
    )
    for (const record of rows) {
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
// in the insert itself; the unique index (message, user, emoji) makes two identical toggles racing
// each other one row: the loser's insert does nothing and it answers `added` like the winner (the
// user asked for the reaction twice). The selected values are cast: PostgreSQL would type a bare
// parameter in a select list as text.
export async function toggleReaction(
  payload: Payload,
  { message, user, emoji, maxEmoji, mayAdd }: { message: number; user: number; emoji: string; maxEmoji: number; mayAdd?: () => Promise<void> },
): Promise<ToggleOutcome> {
  const removed = await run(payload, sql`DELETE FROM reactions WHERE message_id = ${message} AND user_id = ${user} AND emoji = ${emoji}`)
  if (removed > 0) return 'removed'
  await mayAdd?.()
  const added = await run(
    payload,
    sql`INSERT INTO reactions (message_id, user_id, emoji)
          SELECT CAST(${message} AS integer), CAST(${user} AS integer), CAST(${emoji} AS text)
          WHERE EXISTS (SELECT 1 FROM messages WHERE id = ${message})
            AND (EXISTS (SELECT 1 FROM reactions WHERE message_id = ${message} AND emoji = ${emoji} AND user_id IS NOT NULL)
              OR (SELECT COUNT(DISTINCT emoji) FROM reactions WHERE message_id = ${message} AND user_id IS NOT NULL) < ${maxEmoji})
          ON CONFLICT DO NOTHING`,
  )
  if (added > 0) return 'added'
  const [state] = await query(
    payload,
    sql`SELECT CASE WHEN EXISTS (SELECT 1 FROM reactions WHERE message_id = ${message} AND user_id = ${user} AND emoji = ${emoji}) THEN 1 ELSE 0 END AS mine,
          CASE WHEN EXISTS (SELECT 1 FROM messages WHERE id = ${message}) THEN 1 ELSE 0 END AS live`,
  )
  if (Number(state?.mine)) return 'added'
  return Number(state?.live) ? 'full' : 'gone'
}
