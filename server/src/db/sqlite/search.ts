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
// How many of the newest matches are ranked (at least one page more than asked for).
export const SEARCH_CANDIDATES = 1000

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

// Ranked by bm25 (lower is better), ties newest first, among the newest `candidates` matches the
// user may read: FTS5 yields matches in rowid (id, so time) order for free, while ranking all of
// them would cost a bm25 and a join for each; a word in most messages matches tens of thousands.
// The access condition and the conversation are ANDed with the match: the message row decides.
export function rankQuery({ userId, words, prefix, conversation, limit, offset }: SearchQuery): { sql: string; args: InArgs } {
  const inConversation = conversationFilter(userId, conversation)
  return {
    sql: `SELECT id FROM (
        SELECT m.id AS id, bm25(${SEARCH_TABLE}) AS rank, m.timestamp AS ts
        FROM ${SEARCH_TABLE} JOIN messages m ON m.id = ${SEARCH_TABLE}.rowid
        WHERE ${SEARCH_TABLE} MATCH ? AND ${READABLE} ${inConversation.sql}
        ORDER BY ${SEARCH_TABLE}.rowid DESC LIMIT ?)
      ORDER BY rank, ts DESC, id DESC LIMIT ? OFFSET ?`,
    args: [matchExpression(words, prefix), userId, userId, userId, ...inConversation.args, Math.max(SEARCH_CANDIDATES, offset + limit), limit, offset],
  }
}

// The snippets of the ranked page only (snippet() reads and tokenizes each message's text again).
function snippetQuery(words: string[], prefix: boolean, ids: number[]): { sql: string; args: InArgs } {
  return {
    sql: `SELECT rowid AS id, snippet(${SEARCH_TABLE}, 0, ?, ?, ?, ?) AS snippet FROM ${SEARCH_TABLE}
      WHERE ${SEARCH_TABLE} MATCH ? AND rowid IN (${ids.map(() => '?').join(', ')})`,
    args: [MATCH_START, MATCH_END, ELLIPSIS, SNIPPET_TOKENS, matchExpression(words, prefix), ...ids],
  }
}

type Client = ReturnType<typeof sqliteClient>

// On any client of the database (the benchmark times it on its own connection).
export async function searchWith(client: Client, query: SearchQuery): Promise<SearchMatch[]> {
  const ids = (await client.execute(rankQuery(query))).rows.map((row) => Number(row.id))
  if (ids.length === 0) return []
  const { rows } = await client.execute(snippetQuery(query.words, query.prefix, ids))
  const snippets = new Map(rows.map((row) => [Number(row.id), String(row.snippet ?? '')]))
  return ids.map((id) => ({ id, snippet: snippetParts(snippets.get(id) ?? '') }))
}

export function sqliteMessageSearch(payload: Payload): MessageSearch {
  return {
    install: async () => void (await installMessageSearch(payload)),
    search: (query) => searchWith(sqliteClient(payload), query),
  }
}
