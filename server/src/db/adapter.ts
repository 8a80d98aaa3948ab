// Which database Payload runs on, chosen by DATABASE_URI: `postgres://` or `postgresql://` is
// PostgreSQL (@payloadcms/db-postgres), anything else (`file:`) the embedded SQLite default. Each
// adapter has its own migrations (each generates its own SQL): src/migrations for SQLite,
// src/migrations-postgres for PostgreSQL. Both are wrapped alike (keep-session-writes-narrow.ts).
import { postgresAdapter } from '@payloadcms/db-postgres'
import { sqliteAdapter } from '@payloadcms/db-sqlite'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Migration } from 'payload'

import { env } from '../env'
import { migrations as sqliteMigrations } from '../migrations'
import { migrations as postgresMigrations } from '../migrations-postgres'
import { dialectOfUrl } from './dialect'
import { keepSessionWritesNarrow } from './keep-session-writes-narrow'
import { installStatementCache } from './sqlite/statement-cache'

const srcDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

export const usesPostgres = dialectOfUrl(env.databaseUrl) === 'postgres'

// The migrations of the adapter in use: production runs them on connect (prodMigrations), dev and
// tests from onInit.
export const adapterMigrations = (usesPostgres ? postgresMigrations : sqliteMigrations) as unknown as Migration[]

function postgres() {
  return postgresAdapter({
    pool: {
      connectionString: env.databaseUrl,
      // Per process: instances × workers × (this + 5) must stay under the server's max_connections.
      max: env.postgres.poolMax,
      // A transaction left open by a stuck client (a hung request, a script paused at a prompt)
      // holds its row locks and keeps VACUUM from cleaning behind it; the server ends any session
      // idle inside a transaction for this long (its transaction is rolled back, the connection
      // closed and replaced by the pool). The feed's readers never wait for such a writer
      // (db/postgres/sequencer.ts), but a sequencer stalled inside its batch holds the lock every
      // other sequencer needs: this timeout is also what ends such a stall.
      options: env.postgres.idleInTransactionTimeoutMs > 0 ? `-c idle_in_transaction_session_timeout=${env.postgres.idleInTransactionTimeoutMs}` : undefined,
    },
    // Schema changes ship as migrations in every mode: no dev push, no interactive prompt.
    push: false,
    migrationDir: path.resolve(srcDir, 'migrations-postgres'),
    prodMigrations: postgresMigrations,
    // As on SQLite (which runs without transactions): each write commits when its statement does,
    // with the change row its trigger wrote in that same statement's transaction. The hooks that
    // wake the stream (hooks/wakeStream.ts) run after a write; inside a request-wide transaction
    // they would wake the poller before the commit, and the change would wait for the next poll.
    transactionOptions: false,
  })
}

function sqlite() {
  installStatementCache()
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
export const databaseAdapter = () => (usesPostgres ? keepSessionWritesNarrow(postgres()) : keepSessionWritesNarrow(sqlite()))
