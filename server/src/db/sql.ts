// The one way the app runs SQL that Payload's query API cannot express (aggregates, conditional
// updates, upserts), on whichever adapter Payload uses: drizzle's `sql` template, so each value
// becomes a parameter in the dialect's own syntax (`?` on SQLite, `$1` on PostgreSQL), run by the
// adapter's own `execute` (what Payload's migrations use). Nothing outside db/ learns which
// database it is; where the two dialects spell something differently, the statement takes the
// dialect's helpers (./dialect.ts) instead of being written twice.
import { type SQL, sql } from 'drizzle-orm'
import type { Payload, PayloadRequest } from 'payload'

import { type Dialect, type DialectSql, dialectSql } from './dialect'

export { sql }
export type { Dialect, SQL }

// Where a statement runs: a request runs it in that request's transaction when Payload opened
// one (PostgreSQL; SQLite runs without transactions), so it sees the request's own writes;
// `payload` runs it on its own, committed at once.
export type Runner = Payload | PayloadRequest

// A statement, or one built from the dialect's helpers.
export type Statement = SQL | ((dialect: DialectSql) => SQL)

// A row as a plain object of its columns. Numbers may be strings (PostgreSQL's bigint, numeric
// and COUNT): callers read them with Number(). A date column is selected through the dialect's
// isoDate to read the same text on both.
export type Row = Record<string, unknown>

// What the seam needs of a drizzle-based Payload adapter (@payloadcms/db-sqlite, db-postgres).
interface DrizzleAdapter {
  name: string
  drizzle: unknown
  sessions?: Record<number | string, { db: unknown } | undefined>
  execute(args: { db: unknown; drizzle: unknown; sql: SQL }): Promise<AdapterResult>
}

// libsql's ResultSet (SQLite) or node-postgres's QueryResult (PostgreSQL).
interface AdapterResult {
  rows: ReadonlyArray<Record<string, unknown>>
  rowsAffected?: number
  rowCount?: number | null
}

// A request carries the Payload instance; the instance has no `payload` of its own.
const isRequest = (on: Runner): on is PayloadRequest => 'payload' in on

const adapterOf = (on: Runner) => (isRequest(on) ? on.payload : on).db as unknown as DrizzleAdapter

export function dialectOf(on: Runner): Dialect {
  const { name } = adapterOf(on)
  if (name === 'sqlite' || name === 'postgres') return name
  throw new Error(`Unsupported database adapter "${name}": Payload Chat runs on SQLite or PostgreSQL.`)
}

// The drizzle instance to run on: the request's transaction if it has one, else the adapter's.
async function databaseOf(on: Runner): Promise<unknown> {
  const adapter = adapterOf(on)
  const transactionID = isRequest(on) ? await on.transactionID : undefined
  return (transactionID !== undefined && adapter.sessions?.[transactionID]?.db) || adapter.drizzle
}

async function execute(on: Runner, statement: Statement): Promise<AdapterResult> {
  const adapter = adapterOf(on)
  const built = typeof statement === 'function' ? statement(dialectSql(dialectOf(on))) : statement
  return adapter.execute({ db: await databaseOf(on), drizzle: adapter.drizzle, sql: built })
}

// A query's rows (libsql's rows also answer to column indexes: only the names are kept).
export async function query(on: Runner, statement: Statement): Promise<Row[]> {
  const { rows } = await execute(on, statement)
  return rows.map((row) => ({ ...row }))
}

// A write; returns how many rows it changed.
export async function run(on: Runner, statement: Statement): Promise<number> {
  const { rowsAffected, rowCount } = await execute(on, statement)
  return Number(rowsAffected ?? rowCount ?? 0)
}

// `a, b, c` from values: an `IN (…)` list, one parameter each.
export const list = (values: ReadonlyArray<unknown>): SQL => sql.join(values.map((value) => sql`${value}`), sql`, `)
