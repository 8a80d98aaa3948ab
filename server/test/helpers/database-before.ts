// A database as an earlier release left it, for upgrade tests: this test file's database migrated
// up to (not including) the migration `name` and recorded as `payload migrate` would, written
// before any server opens it. `insert` adds a row by raw SQL and answers its id.
import { createClient } from '@libsql/client'
import { drizzle } from '@payloadcms/db-sqlite/drizzle/libsql'
import type { MigrateUpArgs } from '@payloadcms/db-sqlite'

import { migrations } from '../../src/migrations'
import { testDatabaseFile } from './test-env'

export async function databaseBefore(name: string) {
  const index = migrations.findIndex((m) => m.name === name)
  if (index < 0) throw new Error(`No migration named ${name}.`)
  const before = migrations.slice(0, index)
  const client = createClient({ url: `file:${testDatabaseFile}` })
  const db = drizzle(client) as unknown as MigrateUpArgs['db']
  for (const migration of before) await migration.up({ db } as MigrateUpArgs)
  for (const m of before) await client.execute({ sql: 'INSERT INTO payload_migrations (name, batch) VALUES (?, 1)', args: [m.name] })
  const insert = async (sql: string, args: Array<string | number>) => Number((await client.execute({ sql, args })).lastInsertRowid)
  return { client, insert }
}
