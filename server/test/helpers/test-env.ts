// Runs before each test file: a fresh SQLite file per file and fast, test-friendly settings.
// TEST_DATABASE=postgres: a fresh database per file on the run's PostgreSQL cluster instead
// (./postgres-global-setup.ts), so the same tests run on both adapters.
import { randomUUID } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { inject } from 'vitest'

import { createTestDatabase } from './postgres'

const dir = path.join(os.tmpdir(), 'payload-chat-tests')
mkdirSync(dir, { recursive: true })

// This run's database is PostgreSQL (SQLite-only tests skip with describe.skipIf(onPostgres)).
export const onPostgres = process.env.TEST_DATABASE === 'postgres'

export const testDatabaseFile = path.join(dir, `${randomUUID()}.db`)

async function databaseUri(): Promise<string> {
  if (process.env.TEST_DATABASE !== 'postgres') return `file:${testDatabaseFile}`
  const server = inject('postgresUrl')
  if (!server) throw new Error('TEST_DATABASE=postgres needs PostgreSQL (installed, or TEST_POSTGRES_URL)')
  return createTestDatabase(server)
}

Object.assign(process.env, {
  ENV_FILE: path.join(dir, 'no-such.env'),
  DATABASE_URI: await databaseUri(),
  // Uploaded files (attachments, avatars) of this test file only.
  UPLOADS_DIR: path.join(dir, `${path.basename(testDatabaseFile, '.db')}-uploads`),
  PAYLOAD_SECRET: 'test-secret-not-for-production',
  SEED_DEMO_USERS: 'false',
  SIGNUP_ENABLED: 'true',
  SQLITE_SYNCHRONOUS: 'NORMAL',
  SSE_POLL_INTERVAL_MS: process.env.SSE_POLL_INTERVAL_MS ?? '300',
  SSE_HEARTBEAT_MS: process.env.SSE_HEARTBEAT_MS ?? '15000',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  // Tests sign up and post far faster than people do; the limits' own tests set them low.
  MESSAGE_RATE_PER_SECOND: process.env.MESSAGE_RATE_PER_SECOND ?? '100000',
  MESSAGE_BURST: process.env.MESSAGE_BURST ?? '100000',
  LOGIN_FAILURES_PER_IP_PER_DAY: process.env.LOGIN_FAILURES_PER_IP_PER_DAY ?? '100000',
  LOGIN_FAILURES_PER_ACCOUNT: process.env.LOGIN_FAILURES_PER_ACCOUNT ?? '100000',
  SIGNUPS_PER_IP: process.env.SIGNUPS_PER_IP ?? '100000',
  PASSWORD_RESETS_PER_IP: process.env.PASSWORD_RESETS_PER_IP ?? '100000',
  TYPING_CALLS_PER_10S: process.env.TYPING_CALLS_PER_10S ?? '100000',
  PRESENCE_CALLS_PER_10S: process.env.PRESENCE_CALLS_PER_10S ?? '100000',
  UPLOADS_PER_HOUR: process.env.UPLOADS_PER_HOUR ?? '100000',
})
