// Counts the statements Payload's own connection runs while `work` does, on either database:
// SQLite's libsql client (execute, batch) or PostgreSQL's pool (query), the one place each
// adapter (and the SQL seam through it) sends a statement.
import type { Payload } from 'payload'
import { vi } from 'vitest'

import { sqliteClient } from '../../src/db/client'
import { postgresPool } from '../../src/db/postgres/client'
import { dialectOf } from '../../src/db/sql'

// A statement's text, whichever way it was passed (a string, { sql }, { text }, a batch of them).
function textOf(statement: unknown): string {
  if (typeof statement === 'string') return statement
  if (Array.isArray(statement)) return statement.map(textOf).join(';\n')
  const { sql, text } = (statement ?? {}) as { sql?: unknown; text?: unknown }
  return typeof sql === 'string' ? sql : typeof text === 'string' ? text : ''
}

// `about`: count only the statements whose text it accepts. Other processes' work runs on the same
// pool in the background (presence beats and flushes, the feed's poll), so a count of everything
// depends on timing; a count of the statements a test is about does not.
export async function countQueries(payload: Payload, work: () => Promise<void>, about: (text: string) => boolean = () => true): Promise<number> {
  const spies =
    dialectOf(payload) === 'postgres'
      ? [vi.spyOn(postgresPool(payload), 'query')]
      : [vi.spyOn(sqliteClient(payload), 'execute'), vi.spyOn(sqliteClient(payload), 'batch')]
  try {
    await work()
    return spies.reduce((sum, spy) => sum + spy.mock.calls.filter((call) => about(textOf(call[0]))).length, 0)
  } finally {
    for (const spy of spies) spy.mockRestore()
  }
}
