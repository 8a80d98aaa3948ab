// The Payload database adapter the config uses: the one place that names the adapter package, so
// nothing outside db/ knows which database it runs on.
import { sqliteAdapter } from '@payloadcms/db-sqlite'
import type { DatabaseAdapterObj } from 'payload'

import { env } from '../env'
import { keepSessionWritesNarrow } from './keep-session-writes-narrow'

interface Migrations {
  migrationDir: string
  // Run on connect in production (dev and tests run them in onInit).
  prodMigrations: NonNullable<Parameters<typeof sqliteAdapter>[0]['prodMigrations']>
}

// Payload's session writes may not carry the rest of a stale user row (./keep-session-writes-narrow.ts).
export function databaseAdapter({ migrationDir, prodMigrations }: Migrations): DatabaseAdapterObj {
  return keepSessionWritesNarrow(
    sqliteAdapter({
      client: { url: env.databaseUrl },
      // Schema changes ship as migrations in every mode: no dev push, no interactive prompt.
      push: false,
      migrationDir,
      prodMigrations,
      // Message ids are never reused, so clients can merge by id safely.
      autoIncrement: true,
      wal: { synchronous: env.synchronous },
      busyTimeout: 5000,
    }),
  )
}
