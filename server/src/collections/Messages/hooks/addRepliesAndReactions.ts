import type { CollectionAfterOperationHook } from 'payload'

import { repliesAndReactionsOf } from '../../../db'
import { PLAIN_READ } from '../../../reactions/readable-message'

type Doc = { id?: unknown; replyTo?: unknown; replyQuote?: unknown; reactions?: unknown }

// The messages an operation answers with (one, or a page).
function docsOf(operation: string, result: unknown): Doc[] {
  if (!result || typeof result !== 'object') return []
  if (operation === 'find' || operation === 'update') return ((result as { docs?: Doc[] }).docs ?? []).filter(Boolean)
  if (operation === 'findByID' || operation === 'create' || operation === 'updateByID') return [result as Doc]
  return []
}

// Whether a `select` asks for a field: every field without one; with one, the fields it includes
// (`{content: true}`), or all but those it excludes (`{content: false}`).
function selects(select: unknown, field: string): boolean {
  if (!select || typeof select !== 'object') return true
  const given = select as Record<string, unknown>
  return Object.values(given).some((value) => value === true) ? given[field] === true : given[field] !== false
}

// Every message REST or the Local API returns (a page, one by id, the doc of a create or an edit,
// the conversations' last messages, which are a find) carries its reply's quote and its reactions
// as they are now (issue #17; the stream reads them with the same SQL). After the operation, not
// per document: one query for the whole page, whatever its size. Reads that need the message's own
// columns only (access checks) say so in their context and pay nothing.
export const addRepliesAndReactions: CollectionAfterOperationHook<'messages'> = async ({ args, operation, req, result }) => {
  if (req.context[PLAIN_READ]) return result
  const select = (args as { select?: unknown }).select
  const [quotes, reactions] = [selects(select, 'replyQuote'), selects(select, 'reactions')]
  const docs = docsOf(operation, result).filter((doc) => typeof doc.id === 'number')
  if (docs.length === 0 || (!quotes && !reactions)) return result
  // A message just created has no reactions yet, and a quote only if it answers one: a plain send
  // (most of them) answers without the query (it was one of the few statements a send costs).
  // (Whether it answers one: what was sent, as the answer may leave `replyTo` out by its `select`.)
  const given = (value: unknown) => value !== null && value !== undefined
  const isReply = given((args as { data?: { replyTo?: unknown } }).data?.replyTo)
  const asked = operation === 'create' ? docs.filter((doc) => isReply || given(doc.replyTo)) : docs
  const parts = asked.length > 0 ? await repliesAndReactionsOf(req.payload, asked.map((doc) => doc.id as number)) : new Map()
  for (const doc of docs) {
    const found = parts.get(doc.id as number)
    if (quotes) doc.replyQuote = found?.replyQuote ?? null
    if (reactions) doc.reactions = found?.reactions ?? []
  }
  return result
}
