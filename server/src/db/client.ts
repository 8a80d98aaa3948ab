// The SQLite client under Payload's adapter, for the SQLite implementations in ./sqlite/ (the
// change feed, cross-process signals). Everything else runs its SQL through ./sql.ts, on either
// database; nothing outside db/ may import this (.dependency-cruiser.cjs).
import type { SQLiteAdapter } from '@payloadcms/db-sqlite'
import type { Payload } from 'payload'

export const sqliteClient = (payload: Payload) => (payload.db as unknown as SQLiteAdapter).client

// The file of a `file:` database URL (the only kind the SQLite side connections open).
export function sqliteFileOf(databaseUrl: string, purpose: string): string {
  if (!databaseUrl.startsWith('file:')) throw new Error(`${purpose} needs a file: DATABASE_URI on SQLite, got ${databaseUrl.split(':')[0]}:`)
  return databaseUrl.slice('file:'.length)
}
