// Message search on PostgreSQL (tsvector/tsquery), behind ../message-search.ts like SQLite's FTS5
// (../sqlite/search.ts) and with the same behaviour. The document column and what builds words:
// ./search-schema.ts; the snippets: ./search-snippet.ts.
import type { Payload } from 'payload'

import type { MessageSearch, SearchConversation, SearchMatch, SearchQuery } from '../message-search'
import { installLocked, postgresPool } from './client'
import { type Row, type SQL, list, query, sql } from '../sql'
import { MESSAGE_SEARCH_SCHEMA, SEARCH_COLUMN, SEARCH_PARTS_COMPLETE } from './search-schema'
import { snippetOf } from './search-snippet'

// How many of the newest matches are ranked (at least one page more than asked for), as on SQLite.
export const SEARCH_CANDIDATES = 1000

// Serialises the creation of missing parts by instances starting together.
const INSTALL_LOCK = 7_302_116_017

// The migration creates the parts; a start creates any that are missing (idempotent statements).
// Nothing can be stale: the column is computed by PostgreSQL on every write (./search-schema.ts).
async function installMessageSearch(payload: Payload): Promise<void> {
  const pool = postgresPool(payload)
  const { rows } = await pool.query<{ complete: boolean }>(SEARCH_PARTS_COMPLETE)
  if (rows[0]?.complete) return
  await installLocked(pool, INSTALL_LOCK, MESSAGE_SEARCH_SCHEMA)
}

// Every word must match; each typed word is a phrase of the words it holds, built by the database
// from the text (never parsed as tsquery syntax), the last one a prefix when it is being typed. A
// word with no lexeme is an empty query, which `&&` ignores, as FTS5 ignores such a string.
function tsqueryOf(words: readonly string[], prefix: boolean): SQL {
  const phrases = words.map((word, i) =>
    prefix && i === words.length - 1 ? sql`message_search_prefix(${word})` : sql`message_search_phrase(${word})`,
  )
  return sql.join(phrases, sql` && `)
}

// The messages the user reads in conversations they are in now (../sqlite/search.ts says why).
const readable = (userId: number) => sql`(m.receiver_id = ${userId} OR (m.sender_id = ${userId} AND m.receiver_id IS NOT NULL)
    OR m.room_id IN (SELECT room_id FROM room_memberships WHERE user_id = ${userId}))`

function inConversation(userId: number, conversation: SearchConversation | undefined): SQL {
  if (!conversation) return sql``
  if ('room' in conversation) return sql`AND m.room_id = ${conversation.room}`
  const { peer } = conversation
  return sql`AND m.room_id IS NULL AND ((m.sender_id = ${userId} AND m.receiver_id = ${peer}) OR (m.sender_id = ${peer} AND m.receiver_id = ${userId}))`
}

// Ranked by ts_rank (normalised by the document's length, as bm25 favours the shorter message),
// ties newest first, among the newest `candidates` readable matches: the GIN index finds the
// matches, only the candidates are ranked.
export function rankQuery({ userId, words, prefix, conversation, limit, offset }: SearchQuery): SQL {
  const column = sql.raw(`m.${SEARCH_COLUMN}`)
  return sql`WITH q AS (SELECT ${tsqueryOf(words, prefix)} AS q)
    SELECT id FROM (
      SELECT m.id AS id, ts_rank(${column}, q.q, 1) AS rank, m.timestamp AS ts
      FROM messages m, q
      WHERE ${column} @@ q.q AND ${readable(userId)} ${inConversation(userId, conversation)}
      ORDER BY m.id DESC LIMIT ${Math.max(SEARCH_CANDIDATES, offset + limit)}) AS candidates
    ORDER BY rank DESC, ts DESC NULLS LAST, id DESC LIMIT ${limit} OFFSET ${offset}`
}

// Runs a statement: the SQL seam in the app, the benchmark's own connection (`pnpm bench --search`).
export type RunQuery = (statement: SQL) => Promise<Row[]>

export async function searchWith(run: RunQuery, search: SearchQuery): Promise<SearchMatch[]> {
  const ids = (await run(rankQuery(search))).map((row) => Number(row.id))
  if (ids.length === 0) return []
  const rows = await run(sql`SELECT id, content FROM messages WHERE id IN (${list(ids)})`)
  const contents = new Map(rows.map((row) => [Number(row.id), String(row.content ?? '')]))
  return ids.map((id) => ({ id, snippet: snippetOf(contents.get(id) ?? '', search.words, search.prefix) }))
}

export const postgresMessageSearch = (payload: Payload): MessageSearch => ({
  install: () => installMessageSearch(payload),
  search: (search) => searchWith((statement) => query(payload, statement), search),
})
