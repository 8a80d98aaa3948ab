import type { PayloadRequest } from 'payload'

import { parseInteger } from '../text/integer'

// The largest id a row can have: PostgreSQL's id columns are `integer`, and a larger parameter
// compared with one is an error there (22003, a 500), not "no such row". SQLite shares the
// ceiling so that both databases answer every request alike.
export const MAX_ID = 2_147_483_647

// A document id as this project's tables have them: a positive integer up to MAX_ID, written
// without leading zeros (one id, one spelling). Anything else names no row and is refused before
// any SQL runs: the one place every id from a client is checked.
export function isId(value: unknown): boolean {
  if (typeof value !== 'string' && typeof value !== 'number') return false
  const text = String(value)
  return !text.startsWith('0') && parseInteger(text, { min: 1, max: MAX_ID, digits: 10 }) !== null
}

// The id of a relationship's value, populated (`{id, …}`) or not (the id itself); null for none.
export const idOf = (value: unknown): unknown => (value && typeof value === 'object' ? (value as { id?: unknown }).id : value) ?? null

// The adapter's count, not the Local API's: this runs for every message and read marker, and
// the operation's access checks and hooks cost 2.5x as much (267 vs 110 µs) for the same answer.
export async function userExists(req: PayloadRequest, id: number | string): Promise<boolean> {
  const { totalDocs } = await req.payload.db.count({ collection: 'users', where: { id: { equals: Number(id) } }, req })
  return totalDocs > 0
}
