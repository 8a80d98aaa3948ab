import type { CollectionAfterOperationHook } from 'payload'

import { repliesAndReactionsOf } from '../../../db/sqlite/reactions'
import { PLAIN_READ } from '../../../reactions/readable-message'

type Doc = { id?: unknown; replyQuote?: unknown; reactions?: unknown }

// The messages an operation answers with (one, or a page).
function docsOf(operation: string, result: unknown): Doc[] {
  if (!result || typeof result !== 'object') return []
  if (operation === 'find' || operation === 'update') return ((result as { docs?: Doc[] }).docs ?? []).filter(Boolean)
  if (operation === 'findByID' || operation === 'create' || operation === 'updateByID') return [result as Doc]
  return []
}

// Every message REST or the Local API returns (a page, one by id, the doc of a create or an edit,
// the conversations' last messages, which are a find) carries its reply's quote and its reactions
// as they are now (issue #17; the stream reads them with the same SQL). After the operation, not
// per document: one query for the whole page, whatever its size. Reads that need the message's own
// columns only (access checks) say so in their context and pay nothing.
export const addRepliesAndReactions: CollectionAfterOperationHook<'messages'> = async ({ operation, req, result }) => {
  if (req.context[PLAIN_READ]) return result
  const docs = docsOf(operation, result).filter((doc) => typeof doc.id === 'number')
  if (docs.length === 0) return result
  const parts = await repliesAndReactionsOf(req.payload, docs.map((doc) => doc.id as number))
  for (const doc of docs) {
    const found = parts.get(doc.id as number)
    doc.replyQuote = found?.replyQuote ?? null
    doc.reactions = found?.reactions ?? []
  }
  return result
}
