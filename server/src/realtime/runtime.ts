// The process-wide realtime runtime (hub + poller + session check): one per process, so that
// `next dev` module reloads do not start a second poller. Started by Payload's onInit with the
// storage's change feed; realtime/ never picks its storage itself.
import type { Payload } from 'payload'

import type { ChangeEvent, ChangeFeed } from '../db/change-feed'
import type { SharedPresenceDb } from '../db/presence-store'
import { env } from '../env'
import { existingProcessGlobal, processGlobal } from '../process-global.mjs'
import { stillModerators } from './admin-scope'
import { AudienceIndex } from './audience-index'
import { Hub } from './hub'
import { ChangePoller } from './poller'
import { SharedPresence } from './presence-shared'
import { InProcessPresence } from './presence-state'
import type { PresenceStore } from './presence-store'
import { SessionCheck } from './session-check'
import { encodeRetry } from './sse-wire'

export interface Realtime {
  hub: Hub
  // Who is in which room, in step with what the poller has published.
  audience: AudienceIndex
  poller: ChangePoller
  sessionCheck: SessionCheck
  payload: Payload
  feed: ChangeFeed
  presenceDb: SharedPresenceDb | undefined
  // Set by closeRealtime() (shutdown): no new streams.
  closed: boolean
  // Since start: streams that passed their buffer bound and caught up from the feed instead.
  stats: { fellBehind: number }
  // Who is online (on every process): fed by the streams as they open and close (subscription.ts).
  presence: PresenceStore
  // Told of every change the hub published, after it (presence's DM peers, the typing throttle).
  published: Set<(event: ChangeEvent) => void>
}

const NAME = 'realtime'

function createRuntime(payload: Payload, feed: ChangeFeed, presenceDb: SharedPresenceDb | undefined): Realtime {
  const runtime = {
    payload,
    feed,
    presenceDb,
    closed: false,
    stats: { fellBehind: 0 },
    audience: new AudienceIndex(),
    published: new Set<(event: ChangeEvent) => void>(),
  } as Realtime
  const logError = (error: unknown, message: string) => runtime.payload.logger.error({ err: error }, message)
  // Without a database to share it through (unit tests of the runtime), presence is this process's.
  runtime.presence = presenceDb
    ? new SharedPresence({ db: () => runtime.presenceDb ?? presenceDb, ...env.presence, logError })
    : new InProcessPresence(env.presence.graceMs)
  runtime.poller = new ChangePoller({
    intervalMs: env.stream.pollIntervalMs,
    // 200 maximum-size messages (~0.9 MB) stay under one subscriber's buffer bound.
    batchSize: 200,
    retentionDays: env.retentionDays,
    feed: () => runtime.feed,
    logError,
    onStart: async (cursor) => {
      const members = await runtime.feed.membersAt(cursor)
      return () => runtime.audience.load(members)
    },
    publish: (event) =>
      runtime.audience.publishInOrder(event, (inOrder) => {
        runtime.hub.publish(inOrder)
        // A listener's failure must never stop the feed (the poller would retry the same row forever).
        for (const listener of runtime.published) {
          try {
            listener(inOrder)
          } catch (error) {
            logError(error, 'a listener of published changes failed')
          }
        }
      }),
  })
  runtime.hub = new Hub(
    {
      onFirstSubscriber: () => {
        runtime.poller.start()
        runtime.sessionCheck.start()
      },
      onLastSubscriber: () => {
        runtime.poller.stop()
        runtime.sessionCheck.stop()
      },
    },
    env.stream.heartbeatMs,
    (audience) => runtime.audience.userKeys(audience),
  )
  runtime.sessionCheck = new SessionCheck({
    intervalMs: env.stream.sessionCheckMs,
    feed: () => runtime.feed,
    logError,
    subscribers: () => runtime.hub.subscribers(),
    stillModerators: (userIds) => stillModerators(runtime.payload, userIds),
  })
  return runtime
}

// From onInit. Should it run again in the same process (another Payload instance, e.g. after a
// `next dev` module reload), the running hub and poller go on with the new Payload and feed.
export function startRealtime(payload: Payload, feed: ChangeFeed, presenceDb?: SharedPresenceDb): Realtime {
  const runtime = processGlobal(NAME, () => createRuntime(payload, feed, presenceDb))
  runtime.payload = payload
  runtime.feed = feed
  runtime.presenceDb = presenceDb ?? runtime.presenceDb
  return runtime
}

// The runtime onInit started. A Payload argument is accepted from callers that hold one (tests):
// there is one runtime per process whichever they pass.
export function realtime(_payload?: Payload): Realtime {
  const runtime = existingProcessGlobal<Realtime>(NAME)
  if (!runtime) throw new Error('The realtime runtime has not started: Payload onInit starts it.')
  return runtime
}

// For every write of this process that wrote change rows (hooks, raw-SQL endpoints): wake the
// poller if this process streams at all (never create it), and let the database do what a commit
// needs (PostgreSQL: sequence and NOTIFY now, even with no stream open here; ChangeFeed.afterWrite).
export function wakeRealtime(): void {
  const runtime = existingProcessGlobal<Realtime>(NAME)
  runtime?.poller.wake()
  runtime?.feed.afterWrite?.()
}

// For a commit elsewhere (cross-process watchers): only the poller; that commit's process sequenced it.
export function wakePoller(): void {
  existingProcessGlobal<Realtime>(NAME)?.poller.wake()
}

// For the commit signal: another process wrote; presence and typing read what it wrote (not on
// every local write, as wakeRealtime is: presence writes wake their own reader).
export function wakePresence(): void {
  existingProcessGlobal<Realtime>(NAME)?.presence.wake()
}

// For auth hooks: a logout ends the streams of its sessions, a deletion or password reset all of
// the user's. The client's reconnect then meets a 401.
export function endUserStreams(userId: number, sessionIds?: ReadonlyArray<string | undefined>): void {
  existingProcessGlobal<Realtime>(NAME)?.hub.endStreamsOf(userId, sessionIds)
}

// For the Users hook: a moderator who is no longer one loses their admin-scope streams at once on
// this process (other processes: the session check, SSE_SESSION_CHECK_MS).
export function endAdminScopeStreams(userId: number): void {
  existingProcessGlobal<Realtime>(NAME)?.hub.endAdminScopeOf(userId)
}

// For shutdown: refuse new streams, tell every open one to come back after the retry delay (a
// final `retry:` frame) and end it.
export function closeRealtime(): void {
  const runtime = existingProcessGlobal<Realtime>(NAME)
  if (!runtime) return
  runtime.closed = true
  runtime.hub.endAll(encodeRetry(env.stream.retryMs))
}
