// Opening a stream, whatever the transport: check the user's cursor and limits, attach to the
// hub, then start the stream's catch-up (./catch-up.ts), which replays what the client missed
// (or tells it to reset) and lets it go live.
import { ADMIN_SCOPE } from '../protocol'
import { env } from '../env'
import { mayOpenScope, parseScope, scopeAudience } from './admin-scope'
import { realtime } from './runtime'
import type { StreamSink } from './sinks'
import { parseCursor } from './sse-wire'
import { StreamSubscriber } from './stream-subscriber'

export interface StreamRefusal {
  status: number
  message: string
  retryAfterSeconds?: number
}

export type OpenStream = { ok: true; subscriber: StreamSubscriber } | ({ ok: false } & StreamRefusal)

export function openSubscription(
  user: { id: number | string; _sid?: string; role?: string | null; suspended?: boolean | null; suspendedUntil?: string | null } | null | undefined,
  rawCursor: string | null,
  createSink: () => StreamSink,
  // `?scope=` (none: the member's own stream; `all`: the admin scope, ./admin-scope.ts).
  rawScope: string | null = null,
): OpenStream {
  if (!user) return { ok: false, status: 401, message: 'You must be logged in to stream messages.' }
  const scope = parseScope(rawScope)
  if (!scope) return { ok: false, status: 400, message: `scope must be "${ADMIN_SCOPE}" or absent.` }
  if (!mayOpenScope(scope, user)) {
    return { ok: false, status: 403, message: 'Only moderators can stream every conversation.' }
  }
  // The admin scope is no presence: watching the server does not make a moderator "online".
  const everyChange = scope === ADMIN_SCOPE
  const parsed = parseCursor(rawCursor)
  if (!parsed.ok) {
    return { ok: false, status: 400, message: 'Last-Event-ID / lastEventId must be a change id (a non-negative integer).' }
  }
  const runtime = realtime()
  const { hub } = runtime
  if (runtime.closed || hub.size >= env.stream.maxStreams) {
    return { ok: false, status: 503, message: 'This server cannot take more streams right now; retry shortly.', retryAfterSeconds: 5 }
  }
  if (hub.streamsOf(user.id) >= env.stream.maxStreamsPerUser) {
    return { ok: false, status: 429, message: `At most ${env.stream.maxStreamsPerUser} open streams per user.`, retryAfterSeconds: 5 }
  }

  const subscriber = new StreamSubscriber({
    userId: user.id,
    sessionId: user._sid,
    audienceKey: scopeAudience(scope, user.id),
    everyChange,
    sink: createSink(),
    maxBufferedBytes: env.stream.maxBufferedBytes,
    stallTimeoutMs: env.stream.stallTimeoutMs,
    onEnd: (ended) => {
      hub.remove(ended)
      if (!everyChange) runtime.presence.streamClosed(Number(user.id), user._sid)
    },
    catchUp: { feed: runtime.feed, stats: runtime.stats, logError: (error, message) => runtime.payload.logger.error({ err: error }, message) },
  })
  // Attach before reading the start position: whatever commits from now on is held.
  hub.add(subscriber)
  if (!everyChange) runtime.presence.streamOpened(Number(user.id), user._sid)
  subscriber.catchUp.start(runtime, parsed.cursor)
  return { ok: true, subscriber }
}
