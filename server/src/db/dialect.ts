// The few spellings SQLite and PostgreSQL do not share, as small SQL fragments a statement built
// with ./sql.ts takes from its dialect. Everything else (CTEs, COALESCE, CASE, ON CONFLICT …,
// RETURNING, IS DISTINCT FROM, a boolean bound as a parameter) is written once, as is.
import { type SQL, sql } from 'drizzle-orm'

export type Dialect = 'sqlite' | 'postgres'

// The dialect of a DATABASE_URI (`postgres://` or `postgresql://` is PostgreSQL, anything else
// SQLite), for what is set up before Payload (payload.db) exists.
export const dialectOfUrl = (databaseUrl: string): Dialect => (/^postgres(ql)?:\/\//i.test(databaseUrl) ? 'postgres' : 'sqlite')

export interface DialectSql {
  dialect: Dialect
  // The largest / smallest of the values. None may be NULL: SQLite's scalar MAX/MIN answer NULL
  // then, PostgreSQL's GREATEST/LEAST ignore it; COALESCE a nullable one to a floor first.
  greatest(...values: SQL[]): SQL
  least(...values: SQL[]): SQL
  // True when the JSON array in `array` (a Payload `json` field: text on SQLite, jsonb on
  // PostgreSQL) holds the integer `value`; false for anything else, malformed text included.
  jsonArrayHas(array: SQL, value: number): SQL
  // A Payload date column as the API writes dates, `2026-01-01T00:00:00.000Z`: SQLite stores that
  // text; PostgreSQL's timestamptz would come back as `2026-01-01 00:00:00+00`.
  isoDate(column: SQL): SQL
}

const sqlite: DialectSql = {
  dialect: 'sqlite',
  greatest: (...values) => sql`MAX(${sql.join(values, sql`, `)})`,
  least: (...values) => sql`MIN(${sql.join(values, sql`, `)})`,
  jsonArrayHas: (array, value) =>
    sql`EXISTS (SELECT 1 FROM json_each(IIF(json_valid(${array}), ${array}, '[]')) WHERE value = ${value})`,
  isoDate: (column) => column,
}

const postgres: DialectSql = {
  dialect: 'postgres',
  greatest: (...values) => sql`GREATEST(${sql.join(values, sql`, `)})`,
  least: (...values) => sql`LEAST(${sql.join(values, sql`, `)})`,
  // The cast gives the parameter a type (jsonb_build_array takes any).
  jsonArrayHas: (array, value) => sql`COALESCE(${array} @> jsonb_build_array(CAST(${value} AS bigint)), false)`,
  isoDate: (column) => sql`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
}

export const dialectSql = (dialect: Dialect): DialectSql => (dialect === 'postgres' ? postgres : sqlite)
