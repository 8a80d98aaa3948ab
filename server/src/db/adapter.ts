// Which database Payload runs on: the one place that names an adapter package, so nothing outside
// db/ knows which database it is. SQLite here; the PostgreSQL adapter is chosen beside it by
// DATABASE_URI (the same exports: databaseAdapter, adapterMigrations).
import { sqliteAdapter } from '@payloadcms/db-sqlite'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Migration } from 'payload'

import { env } from '../env'
import { migrations as sqliteMigrations } from '../migrations'
import { keepSessionWritesNarrow } from './keep-session-writes-narrow'

const srcDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

// The migrations of the adapter in use: production runs them on connect (prodMigrations), dev and
// tests from onInit.
export const adapterMigrations = sqliteMigrations as unknown as Migration[]

function sqlite() {
  return sqliteAdapter({
    client: { url: env.databaseUrl },
    // Schema changes ship as migrations in every mode: no dev push, no interactive prompt.
    push: false,
    migrationDir: path.resolve(srcDir, 'migrations'),
    prodMigrations: sqliteMigrations,
    // Message ids are never reused, so clients can merge by id safely.
    autoIncrement: true,
    wal: { synchronous: env.synchronous },
    busyTimeout: 5000,
  })
}

// Payload's session writes may not carry the rest of a stale user row (keep-session-writes-narrow.ts).
export const databaseAdapter = () => keepSessionWritesNarrow(sqlite())
