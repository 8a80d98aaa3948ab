// GET /api/messages/sse: authenticate, check limits, attach to the hub, replay what the client
// missed (or tell it to reset), then stream live until the client goes away.
import type { Endpoint, PayloadRequest } from 'payload'

import { env } from '../env'
import {
  countChanges,
  latestChangeId,
  loadEvents,
  oldestResumableCursor,
  readChanges,
  userAudience,
} from './feed'
import { encodeEvent } from './hub'
import { decideStart, type StartDecision } from './resume'
import { realtime, type Realtime } from './runtime'
import { encodeFrame, parseCursor, SSE_HEADERS } from './sse-wire'
import { StreamSubscriber } from './stream-subscriber'

const REPLAY_BATCH = 500
const encoder = new TextEncoder()

const jsonError = (status: number, message: string, headers: Record<string, string> = {}) =>
  Response.json({ errors: [{ message }] }, { status, headers })

export const streamEndpoint: Endpoint = {
  path: '/sse',
  method: 'get',
  handler: openStream,
}

async function openStream(req: PayloadRequest): Promise<Response> {
  const user = req.user
  if (!user || user.collection !== 'users') return jsonError(401, 'You must be logged in to stream messages.')

  const raw = req.headers.get('last-event-id') ?? req.searchParams?.get('lastEventId') ?? null
  const parsed = parseCursor(raw)
  if (!parsed.ok) return jsonError(400, 'Last-Event-ID / lastEventId must be a change id (a non-negative integer).')

  const runtime = realtime(req.payload)
  const { hub } = runtime
  if (hub.size >= env.stream.maxStreams) {
    return jsonError(503, 'This server holds as many streams as it can; retry shortly.', { 'Retry-After': '5' })
  }
  if (hub.streamsOf(user.id) >= env.stream.maxStreamsPerUser) {
    return jsonError(429, `At most ${env.stream.maxStreamsPerUser} open streams per user.`, { 'Retry-After': '5' })
  }

  const subscriber = new StreamSubscriber({
    userId: user.id,
    audienceKey: userAudience(user.id),
    maxBufferedBytes: env.stream.maxBufferedBytes,
    onEnd: (ended) => hub.remove(ended),
  })
  // Attach before reading the start position: whatever commits from now on is buffered.
  hub.add(subscriber)
  req.signal?.addEventListener('abort', () => subscriber.end(), { once: true })

  startStream(runtime, subscriber, parsed.cursor).catch((error) => {
    req.payload.logger.error({ err: error }, 'stream start failed')
    subscriber.drop()
  })
  return new Response(subscriber.stream, { status: 200, headers: SSE_HEADERS })
}

async function startStream(runtime: Realtime, subscriber: StreamSubscriber, cursor: number | null) {
  const { payload, poller } = runtime
  await poller.ready
  const latest = await latestChangeId(payload)
  let decision: StartDecision = decideStart({
    cursor,
    latest,
    oldestResumable: await oldestResumableCursor(payload),
  })
  if (decision.kind === 'replay') {
    const limit = env.stream.replayLimit
    const backlog = await countChanges(payload, { after: decision.from, userId: subscriber.userId, atMost: limit + 1 })
    if (backlog > limit) decision = { kind: 'reset', from: latest, reason: 'backlog' }
  }

  // On reset the id travels on the reset frame, so a drop between the two frames repeats the reset.
  const ready = encodeFrame({
    retry: env.stream.retryMs,
    event: 'ready',
    id: decision.kind === 'reset' ? undefined : decision.from,
    data: JSON.stringify({ cursor: String(latest) }),
  })
  subscriber.sendAt(decision.from, encoder.encode(ready))

  if (decision.kind === 'reset') {
    const reset = encodeFrame({
      event: 'reset',
      id: latest,
      data: JSON.stringify({ cursor: String(latest), reason: decision.reason }),
    })
    subscriber.sendAt(latest, encoder.encode(reset))
  }
  if (decision.kind === 'replay') await replay(runtime, subscriber, decision.from, decision.to)
  subscriber.goLive()
}

// Replays (from, to] for this user. Anything after `to` reaches the subscriber live.
async function replay(runtime: Realtime, subscriber: StreamSubscriber, from: number, to: number) {
  let after = from
  while (after < to && !subscriber.isEnded) {
    await subscriber.waitForRoom()
    const rows = (
      await readChanges(runtime.payload, { after, limit: REPLAY_BATCH, userId: subscriber.userId })
    ).filter((row) => row.id <= to)
    if (rows.length === 0) return
    for (const event of await loadEvents(runtime.payload, rows)) subscriber.sendAt(event.id, encodeEvent(event))
    after = rows[rows.length - 1].id
  }
}
