// Counts the statements Payload's own connection runs while `work` does, on either database:
// SQLite's libsql client (execute, batch) or PostgreSQL's pool (query), the one place each
// adapter (and the SQL seam through it) sends a statement.
import type { Payload } from 'payload'
import { vi } from 'vitest'

import { sqliteClient } from '../../src/db/client'
import { postgresPool } from '../../src/db/postgres/client'
import { dialectOf } from '../../src/db/sql'

export async function countQueries(payload: Payload, work: () => Promise<void>): Promise<number> {
  const spies =
    dialectOf(payload) === 'postgres'
      ? [vi.spyOn(postgresPool(payload), 'query')]
      : [vi.spyOn(sqliteClient(payload), 'execute'), vi.spyOn(sqliteClient(payload), 'batch')]
  try {
    await work()
    return spies.reduce((sum, spy) => sum + spy.mock.calls.length, 0)
  } finally {
    for (const spy of spies) spy.mockRestore()
  }
}
