// Environment, parsed once. The root .env fills in what the environment does not set.
import cluster from 'node:cluster'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { dialectOfUrl } from './db/dialect'

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
// ENV_FILE names another file (tests point it at none, so a developer's .env cannot leak in).
// Loaded, not probed with fs.existsSync first: that file-system read of a computed path made
// `next build` trace (and ship) the whole project as if the server needed every file in it.
const envFile = process.env.ENV_FILE || path.resolve(serverDir, '..', '.env')
try {
  process.loadEnvFile(envFile)
} catch (error) {
  if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
}

const PLACEHOLDER_SECRET = 'change-me'
const isProduction = process.env.NODE_ENV === 'production'

function integer(name: string, fallback: number, min = 1): number {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name} must be an integer >= ${min}, got "${raw}"`)
  }
  return value
}

function flag(name: string, fallback: boolean): boolean {
  const raw = process.env[name]?.trim().toLowerCase()
  if (!raw) return fallback
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true
  if (['0', 'false', 'no', 'off'].includes(raw)) return false
  throw new Error(`${name} must be true or false, got "${raw}"`)
}

function oneOf<T extends string>(name: string, values: ReadonlyArray<T>, fallback: T): T {
  const raw = process.env[name]?.trim().toLowerCase()
  if (!raw) return fallback
  if (!values.includes(raw as T)) throw new Error(`${name} must be one of ${values.join(', ')}, got "${raw}"`)
  return raw as T
}

function secret(): string {
  const value = process.env.PAYLOAD_SECRET ?? ''
  if (value && value !== PLACEHOLDER_SECRET) return value
  if (isProduction) {
    throw new Error('PAYLOAD_SECRET is missing or still the placeholder: set a real secret.')
  }
  return 'development-only-secret'
}

// A relative file: URL is resolved from server/, whatever the working directory.
function databaseUrl(): string {
  // Development and production never share a database by default (demo accounts, see src/seed).
  const uri = process.env.DATABASE_URI || (isProduction ? 'file:./data/chat.db' : 'file:./data/chat-dev.db')
  if (!uri.startsWith('file:')) return uri
  const file = path.resolve(serverDir, uri.slice('file:'.length))
  mkdirSync(path.dirname(file), { recursive: true })
  return `file:${file}`
}

// Uploaded files (attachments, avatars): UPLOADS_DIR, or a folder beside the SQLite database
// (`<db dir>/uploads`), or server/data/uploads for a database that is no file.
function uploadsDir(database: string): string {
  const configured = process.env.UPLOADS_DIR
  const dir = configured
    ? path.resolve(serverDir, configured)
    : database.startsWith('file:')
      ? path.join(path.dirname(database.slice('file:'.length)), 'uploads')
      : path.resolve(serverDir, 'data', 'uploads')
  mkdirSync(dir, { recursive: true })
  return dir
}

function synchronous(): 'FULL' | 'NORMAL' {
  const value = (process.env.SQLITE_SYNCHRONOUS || 'FULL').toUpperCase()
  if (value !== 'FULL' && value !== 'NORMAL') {
    throw new Error(`SQLITE_SYNCHRONOUS must be FULL or NORMAL, got "${value}"`)
  }
  return value
}

// Payload turns its CSRF check off when the list is empty (the cookie is then accepted from any
// site), so a value that lists nothing (",") is a mistake to stop on, not an empty list.
function allowedOrigins(): string[] {
  const origins = (process.env.ALLOWED_ORIGINS || 'http://localhost:3000,http://localhost:5173')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean)
  if (origins.length === 0) throw new Error('ALLOWED_ORIGINS lists no origin: leave it unset, or list origins separated by commas.')
  return origins
}

// Instances started apart on one PostgreSQL database must share what they count and hear each
// other's writes: two defaults below follow it.
const onPostgres = dialectOfUrl(databaseUrl()) === 'postgres'

// A process is dead once not heard of for the expiry: with fewer than two beats in it, a live
// process counts as dead between beats and its users flap offline and online.
function presenceTimes(): { heartbeatMs: number; expiryMs: number } {
  const heartbeatMs = integer('PRESENCE_HEARTBEAT_MS', 2000, 1)
  const expiryMs = integer('PRESENCE_EXPIRY_MS', 10000, 1)
  if (expiryMs <= 2 * heartbeatMs) {
    throw new Error(`PRESENCE_EXPIRY_MS (${expiryMs}) must be more than twice PRESENCE_HEARTBEAT_MS (${heartbeatMs}), or live processes count as dead between beats.`)
  }
  return { heartbeatMs, expiryMs }
}

export const env = {
  isProduction,
  secret: secret(),
  databaseUrl: databaseUrl(),
  uploadsDir: uploadsDir(databaseUrl()),
  uploads: {
    // The largest attachment (bytes); avatars have their own, smaller cap (uploads/avatar-rules.ts).
    maxBytes: integer('UPLOAD_MAX_BYTES', 10 * 1024 * 1024),
    // Uploads never attached to a message are removed this many hours after they were made.
    orphanHours: integer('UPLOAD_ORPHAN_HOURS', 24),
  },
  synchronous: synchronous(),
  serverUrl: process.env.SERVER_URL || '',
  allowedOrigins: allowedOrigins(),
  signupEnabled: flag('SIGNUP_ENABLED', true),
  seedDemoUsers: flag('SEED_DEMO_USERS', !isProduction),
  // Unsafe: lets production start while an account still has a published demo password.
  allowDemoPasswords: flag('UNSAFE_ALLOW_DEMO_PASSWORDS', false),
  stream: {
    pollIntervalMs: integer('SSE_POLL_INTERVAL_MS', 1000),
    heartbeatMs: integer('SSE_HEARTBEAT_MS', 15000),
    retryMs: integer('SSE_RETRY_MS', 2000),
    maxStreamsPerUser: integer('SSE_MAX_STREAMS_PER_USER', 10),
    maxStreams: integer('SSE_MAX_STREAMS', 10000),
    replayLimit: integer('SSE_REPLAY_LIMIT', 5000),
    // Bytes a stream may leave unsent; past them it stops taking live events and catches up
    // from the feed once its client has read them.
    maxBufferedBytes: integer('SSE_MAX_BUFFERED_BYTES', 2 * 1024 * 1024),
    // How often open streams are checked against their login sessions (ended elsewhere).
    sessionCheckMs: integer('SSE_SESSION_CHECK_MS', 15000),
    // A stream with bytes waiting whose client reads none for this long is dropped (it resumes).
    stallTimeoutMs: integer('SSE_STALL_TIMEOUT_MS', 30000),
  },
  presence: {
    // After a user's last stream closes, how long they stay online/away before going offline (a
    // reload or a network blip does not flicker).
    graceMs: integer('PRESENCE_GRACE_MS', 30000, 0),
    // Presence changes are pushed to co-members of rooms of at most this many members; larger
    // rooms show presence from the snapshot endpoint (the member list asks it).
    roomPushMax: integer('PRESENCE_ROOM_PUSH_MAX', 50, 0),
    // Presence is shared by every process on the database (docs/scaling.md): each process marks its
    // sessions' rows alive this often (one statement a beat), and a row not marked for
    // PRESENCE_EXPIRY_MS belongs to a process that died: its users are gone from it.
    ...presenceTimes(),
  },
  limits: {
    // Messages are at most 4000 characters (16 KB of UTF-8): 64 KB leaves room for JSON and more.
    maxBodyBytes: integer('MAX_BODY_BYTES', 64 * 1024),
    // Per user: a typing human sends ~1/s; 5/s sustained plus a burst of 20 lets a paste or a
    // reconnect flush queued messages through, while a runaway script is stopped within seconds.
    messagesPerSecond: integer('MESSAGE_RATE_PER_SECOND', 5),
    messageBurst: integer('MESSAGE_BURST', 20),
    // Per user per 10 s: typing calls (the client sends one per conversation every few seconds
    // while typing; the throttle already sends at most one event per conversation per window) and
    // away/online calls (one per tab visibility change; pushes are coalesced to one per second).
    typingPer10s: integer('TYPING_CALLS_PER_10S', 30),
    presencePer10s: integer('PRESENCE_CALLS_PER_10S', 20),
    // Reaction toggles per user per 10 s: a person taps a few; a script toggling in a loop would
    // flood every participant's stream with change rows.
    reactionsPer10s: integer('REACTIONS_PER_10S', 30),
    // Per user per hour: uploads (attachments and avatars together). 100 files of up to 10 MB is
    // more than anyone shares in an hour of chatting, and bounds what one account puts on disk.
    uploadsPerHour: integer('UPLOADS_PER_HOUR', 100),
    // Per client address (see TRUST_PROXY): failed logins per day, consecutive failed logins per
    // account from one address (then 15 minutes' wait), sign-ups per hour.
    loginFailuresPerIpPerDay: integer('LOGIN_FAILURES_PER_IP_PER_DAY', 100),
    loginFailuresPerAccount: integer('LOGIN_FAILURES_PER_ACCOUNT', 5),
    signupsPerIp: integer('SIGNUPS_PER_IP', 10),
    // Forgot-password requests per client address per hour, whatever the emails.
    passwordResetsPerIp: integer('PASSWORD_RESETS_PER_IP', 5),
    // Which proxies may name the client in X-Forwarded-For; parsed in src/limits/trust-proxy.ts.
    trustProxy: process.env.TRUST_PROXY ?? '',
  },
  // How long a request's credentials are remembered (0: look the user up on every request).
  // Logouts, user changes and deletions through this process take effect at once; through
  // another server process, when its revocation row is read (crossProcess below); by raw SQL,
  // within this time. See src/auth/auth-cache.ts.
  authCacheMs: integer('AUTH_CACHE_MS', 5000, 0),
  // On SIGTERM: how long in-flight requests may take before the process exits anyway.
  shutdownTimeoutMs: integer('SHUTDOWN_TIMEOUT_MS', 10000),
  retentionDays: integer('CHANGE_RETENTION_DAYS', 7),
  // PostgreSQL only (DATABASE_URI=postgres://…): a session idle inside a transaction this long is
  // ended by the server (0: never); Payload's pool holds at most `poolMax` connections per process
  // (plus the LISTEN connection and the rate limits' 4). See src/db/adapter.ts and docs/scaling.md.
  postgres: {
    idleInTransactionTimeoutMs: integer('PG_IDLE_IN_TRANSACTION_TIMEOUT_MS', 60000, 0),
    poolMax: integer('PG_POOL_MAX', 10, 1),
  },
  // Several processes on one database (WEB_CONCURRENCY workers, or servers started apart): what
  // each setting costs is in docs/scaling.md. Defaults: on in a cluster worker, off for one process.
  crossProcess: {
    // Every this many ms, a process asks the database whether another one committed (SQLite:
    // PRAGMA data_version) and wakes its feed poller, revocation and presence followers. 0: off
    // (writes from elsewhere then arrive at the poll, revocations within SSE_SESSION_CHECK_MS).
    // On PostgreSQL it is a LISTEN connection (no check runs; the value only throttles wakes, per
    // kind: each notice wakes only the follower of what changed), on by default: instances started
    // apart on one database must hear each other's writes.
    wakeCheckMs: integer('FEED_WAKE_CHECK_MS', cluster.isWorker || onPostgres ? 5 : 0, 0),
    // Where rate limits count: `memory` (this process alone) or `database` (SQLite: a side file
    // next to the database; PostgreSQL: its `rate_limits` table), shared by every process on it.
    // Database by default on PostgreSQL too: instances started apart behind one balancer would
    // otherwise each allow the whole limit (N instances, N times the login attempts).
    rateLimitStore: oneOf('RATE_LIMIT_STORE', ['memory', 'database'] as const, cluster.isWorker || onPostgres ? 'database' : 'memory'),
  },
}
