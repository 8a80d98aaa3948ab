// The SQLite client under Payload's adapter, for the SQL Payload's query API cannot express (the
// change feed, conversation summaries). Only db/ and its callers' storage modules use it.
import type { SQLiteAdapter } from '@payloadcms/db-sqlite'
import type { Payload } from 'payload'

export const sqliteClient = (payload: Payload) => (payload.db as unknown as SQLiteAdapter).client
