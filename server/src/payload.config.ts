import { sqliteAdapter } from '@payloadcms/db-sqlite'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildConfig, type Migration } from 'payload'

import { adminOnlyLocks } from './access/adminOnlyLocks'
import { ConversationReads } from './collections/ConversationReads'
import { Messages } from './collections/Messages'
import { Users } from './collections/Users'
import { env } from './env'
import { installShutdownHandler } from './lifecycle/shutdown'
import { migrations } from './migrations'
import { installChangeFeed, pruneChanges } from './realtime/feed'
import { seedDemoUsers } from './seed/demoUsers'

const dirname = path.dirname(fileURLToPath(import.meta.url))

export default buildConfig({
  admin: {
    user: Users.slug,
    importMap: { baseDir: path.resolve(dirname) },
    meta: { titleSuffix: ' · Payload Chat' },
  },
  collections: [Users, Messages, ConversationReads],
  secret: env.secret,
  serverURL: env.serverUrl,
  cors: env.allowedOrigins,
  csrf: env.allowedOrigins,
  // The chat needs only REST; a second API would be a second surface to keep access-safe.
  graphQL: { disable: true },
  telemetry: false,
  // Payload's readable format, written line by line as logged: asynchronous writes still in
  // flight when the process exits land after later lines (SIGTERM logged "shutdown complete"
  // before "shutting down").
  logger: 'sync',
  // A client's mistake (4xx) is worth a line at info level, not an error with a stack trace.
  loggingLevels: Object.fromEntries(
    ['APIError', 'AuthenticationError', 'Forbidden', 'LockedAuth', 'NotFound', 'QueryError', 'UnauthorizedError', 'ValidationError'].map(
      (name) => [name, 'info'],
    ),
  ),
  typescript: { outputFile: path.resolve(dirname, 'payload-types.ts') },
  db: sqliteAdapter({
    client: { url: env.databaseUrl },
    // Schema changes ship as migrations in every mode: no dev push, no interactive prompt.
    push: false,
    migrationDir: path.resolve(dirname, 'migrations'),
    prodMigrations: migrations,
    // Message ids are never reused, so clients can merge by id safely.
    autoIncrement: true,
    wal: { synchronous: env.synchronous },
    busyTimeout: 5000,
  }),
  onInit: async (payload) => {
    // Set here rather than through `logger`, which would drop Payload's readable console format.
    payload.logger.level = process.env.LOG_LEVEL || 'info'
    // Production runs them through prodMigrations on connect; dev and tests run them here.
    if (!env.isProduction) await payload.db.migrate({ migrations: migrations as unknown as Migration[] })
    await installChangeFeed(payload)
    await pruneChanges(payload, env.retentionDays)
    if (env.seedDemoUsers) await seedDemoUsers(payload)
    // For server.mjs: registered from here, in the same module graph as the REST routes, so
    // errors and classes are the ones Payload's handlers expect (imported late: it imports this).
    const { registerNodeHandlers } = await import('./node-handlers')
    registerNodeHandlers(payload)
    // Not inside vitest's workers: the test runner stops them itself.
    if (!process.env.VITEST) installShutdownHandler(payload)
  },
}).then(adminOnlyLocks)
