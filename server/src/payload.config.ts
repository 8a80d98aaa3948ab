import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildConfig } from 'payload'

import { adminOnlyLocks } from './access/adminOnlyLocks'
import { narrowBuiltInRoutes } from './http/built-in-routes'
import { checkEveryCollection } from './hooks/everyCollection'
import { keepRefusalWords } from './hooks/keepRefusalWords'
import sharp from 'sharp'

import { Attachments } from './collections/Attachments'
import { Avatars } from './collections/Avatars'
import { Blocks } from './collections/Blocks'
import { ConversationReads } from './collections/ConversationReads'
import { Messages } from './collections/Messages'
import { ModerationLog } from './collections/ModerationLog'
import { Reactions } from './collections/Reactions'
import { Reports } from './collections/Reports'
import { RoomMemberships } from './collections/RoomMemberships'
import { Rooms } from './collections/Rooms'
import { Users } from './collections/Users'
import { env } from './env'
import { originOf } from './http/own-origin'
import { createApiEntry } from './http/api-entry'
import { installShutdownHandler } from './lifecycle/shutdown'
import { loggerConfig } from './logging/logger'
import { presenceEndpoints } from './presence/endpoints'
import { startPresence } from './presence/presence-fanout'
import { startOrphanSweep } from './uploads/orphan-sweep'

import { adapterMigrations, databaseAdapter } from './db/adapter'
import { startCrossProcess } from './cluster/start'
import { changeFeedOf, crossProcessOf, messageSearchOf, presenceDbOf } from './db'
import { API_ENTRY, setProcessGlobal } from './process-global.mjs'
import { startRealtime } from './realtime/runtime'
import { seedDemoUsers } from './seed/demoUsers'
import { refuseDemoPasswords } from './seed/refuseDemoPasswords'

const dirname = path.dirname(fileURLToPath(import.meta.url))
// The public URL is always one of the app's own origins; a request from the very origin it was
// sent to is accepted as well (src/http/own-origin.ts).
const trustedOrigins = [...new Set([...env.allowedOrigins, originOf(env.serverUrl)].filter((o): o is string => Boolean(o)))]

export default buildConfig({
  admin: {
    user: Users.slug,
    importMap: { baseDir: path.resolve(dirname) },
    meta: { titleSuffix: ' · Payload Chat' },
    // Payload's default is Gravatar: it would send a hash of each admin's email to a third party
    // (and needs an exception in the admin panel's Content-Security-Policy).
    avatar: 'default',
    // The moderators' live view (#15): /admin/live and its link in the navigation (src/admin/).
    components: {
      views: { live: { Component: '/admin/LiveView#LiveView', path: '/live', exact: true, meta: { title: 'Live' } } },
      afterNavLinks: ['/admin/LiveNavLink#LiveNavLink'],
    },
  },
  collections: [Users, Messages, Rooms, RoomMemberships, Reports, ModerationLog, Blocks, ConversationReads, Reactions, Attachments, Avatars],
  // Thumbnails and image dimensions of uploads (attachments, avatars).
  sharp,
  // Presence, typing and stream statistics: /api/presence, /api/typing, /api/realtime/stats.
  endpoints: presenceEndpoints,
  secret: env.secret,
  serverURL: env.serverUrl,
  cors: trustedOrigins,
  csrf: trustedOrigins,
  // A refusal keeps its words in the production build (src/hooks/keepRefusalWords.ts).
  hooks: { afterError: [keepRefusalWords] },
  // The chat needs only REST; a second API would be a second surface to keep access-safe.
  graphQL: { disable: true },
  telemetry: false,
  logger: loggerConfig,
  typescript: { outputFile: path.resolve(dirname, 'payload-types.ts') },
  // SQLite by default, PostgreSQL for a postgres:// DATABASE_URI (src/db/adapter.ts).
  db: databaseAdapter(),
  onInit: async (payload) => {
    // Production runs them through prodMigrations on connect; dev and tests run them here.
    if (!env.isProduction) await payload.db.migrate({ migrations: adapterMigrations })
    const feed = changeFeedOf(payload)
    await feed.install()
    // Search's index and triggers, as the feed's: a restored database is repaired at start.
    await messageSearchOf(payload).install()
    await feed.prune(env.retentionDays)
    startRealtime(payload, feed, presenceDbOf(payload))
    await startCrossProcess(payload, crossProcessOf(payload))
    startPresence(payload)
    // Uploads never sent (or avatars never set) go after UPLOAD_ORPHAN_HOURS.
    startOrphanSweep(payload)
    if (env.seedDemoUsers) await seedDemoUsers(payload)
    if (env.isProduction) await refuseDemoPasswords(payload, { allow: env.allowDemoPasswords })
    // For server.mjs: the same entry the Next route uses, from the app's own module graph.
    setProcessGlobal(API_ENTRY, createApiEntry(payload.config))
    // Not inside vitest's workers: the test runner stops them itself.
    if (!process.env.VITEST) installShutdownHandler(payload)
  },
})
  .then(adminOnlyLocks)
  .then(narrowBuiltInRoutes)
  .then(checkEveryCollection)
