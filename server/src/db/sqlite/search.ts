// Message search on SQLite (FTS5): the only module that knows how the index is queried. Its
// storage and triggers are in ./search-schema.ts, the MATCH and snippet text in ./search-match.ts.
import type { Payload } from 'payload'

import type { MessageSearch, SearchConversation, SearchMatch, SearchQuery } from '../message-search'
import { sqliteClient } from '../client'
import type { InArgs } from './feed-events'
import { ELLIPSIS, MATCH_END, MATCH_START, matchExpression, snippetParts } from './search-match'
import { MESSAGE_SEARCH_SCHEMA, REBUILD_SEARCH, SEARCH_PARTS_PRESENT, SEARCH_TABLE } from './search-schema'

// Words of context a snippet shows around the match (FTS5 allows at most 64).
const SNIPPET_TOKENS = 24

// Creates what is missing; if anything was (a first start, a database restored without the
// triggers), the index may miss writes made meanwhile, so it is rebuilt from the messages.
export async function installMessageSearch(payload: Payload): Promise<{ rebuilt: boolean }> {
  const client = sqliteClient(payload)
  const { rows } = await client.execute({ sql: SEARCH_PARTS_PRESENT.sql, args: SEARCH_PARTS_PRESENT.args })
  const complete = Number(rows[0]?.n ?? 0) === SEARCH_PARTS_PRESENT.all
  for (const statement of MESSAGE_SEARCH_SCHEMA) await client.execute(statement)
  if (!complete) await client.execute(REBUILD_SEARCH)
  return { rebuilt: !complete }
}

// The messages the user reads in conversations they are in now, as participantOrAdmin grants them
// (admins alike: search looks in your own conversations): DMs they sent or received, messages of
// the rooms they are a member of.
const READABLE = `(m.receiver_id = ? OR (m.sender_id = ? AND m.receiver_id IS NOT NULL)
    OR m.room_id IN (SELECT room_id FROM room_memberships WHERE user_id = ?))`

function conversationFilter(userId: number, conversation: SearchConversation | undefined): { sql: string; args: InArgs } {
  if (!conversation) return { sql: '', args: [] }
  if ('room' in conversation) return { sql: 'AND m.room_id = ?', args: [conversation.room] }
  return {
    sql: 'AND m.room_id IS NULL AND ((m.sender_id = ? AND m.receiver_id = ?) OR (m.sender_id = ? AND m.receiver_id = ?))',
    args: [userId, conversation.peer, conversation.peer, userId],
  }
}

// Ranked by bm25 (lower is better), ties newest first. The access condition and the conversation
// are ANDed with the match: the index yields candidates, the message row decides.
export function searchQuery({ userId, words, prefix, conversation, limit, offset }: SearchQuery): { sql: string; args: InArgs } {
  const inConversation = conversationFilter(userId, conversation)
  return {
    sql: `SELECT m.id, snippet(${SEARCH_TABLE}, 0, ?, ?, ?, ?) AS snippet
      FROM ${SEARCH_TABLE} JOIN messages m ON m.id = ${SEARCH_TABLE}.rowid
      WHERE ${SEARCH_TABLE} MATCH ? AND ${READABLE} ${inConversation.sql}
      ORDER BY bm25(${SEARCH_TABLE}), m.timestamp DESC, m.id DESC
      LIMIT ? OFFSET ?`,
    args: [MATCH_START, MATCH_END, ELLIPSIS, SNIPPET_TOKENS, matchExpression(words, prefix), userId, userId, userId, ...inConversation.args, limit, offset],
  }
}

export async function searchMessages(payload: Payload, query: SearchQuery): Promise<SearchMatch[]> {
  const { rows } = await sqliteClient(payload).execute(searchQuery(query))
  return rows.map((row) => ({ id: Number(row.id), snippet: snippetParts(String(row.snippet ?? '')) }))
}

export function sqliteMessageSearch(payload: Payload): MessageSearch {
  return {
    install: async () => void (await installMessageSearch(payload)),
    search: (query) => searchMessages(payload, query),
  }
}
