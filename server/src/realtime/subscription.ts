// Opening a stream, whatever the transport: check the user's cursor and limits, attach to the
// hub, replay what the client missed (or tell it to reset), then let it go live.
import type { Payload } from 'payload'

import { env } from '../env'
import { isShuttingDown } from '../lifecycle/shutdown'
import {
  countChanges,
  latestChangeId,
  oldestResumableCursor,
  readEvents,
  userAudience,
} from './feed'
import { encodeEvent } from './hub'
import { decideStart, type StartDecision } from './resume'
import { realtime, type Realtime } from './runtime'
import type { StreamSink } from './sinks'
import { encodeFrame, parseCursor } from './sse-wire'
import { StreamSubscriber } from './stream-subscriber'

const REPLAY_BATCH = 200
const encoder = new TextEncoder()

export interface StreamRefusal {
  status: number
  message: string
  retryAfterSeconds?: number
}

export type OpenStream = { ok: true; subscriber: StreamSubscriber } | ({ ok: false } & StreamRefusal)

export function openSubscription(
  payload: Payload,
  user: { id: number | string; _sid?: string } | null | undefined,
  rawCursor: string | null,
  createSink: () => StreamSink,
): OpenStream {
  if (!user) return { ok: false, status: 401, message: 'You must be logged in to stream messages.' }
  const parsed = parseCursor(rawCursor)
  if (!parsed.ok) {
    return { ok: false, status: 400, message: 'Last-Event-ID / lastEventId must be a change id (a non-negative integer).' }
  }
  const runtime = realtime(payload)
  const { hub } = runtime
  if (isShuttingDown() || hub.size >= env.stream.maxStreams) {
    return { ok: false, status: 503, message: 'This server cannot take more streams right now; retry shortly.', retryAfterSeconds: 5 }
  }
  if (hub.streamsOf(user.id) >= env.stream.maxStreamsPerUser) {
    return { ok: false, status: 429, message: `At most ${env.stream.maxStreamsPerUser} open streams per user.`, retryAfterSeconds: 5 }
  }

  const subscriber = new StreamSubscriber({
    userId: user.id,
    sessionId: user._sid,
    audienceKey: userAudience(user.id),
    sink: createSink(),
    maxBufferedBytes: env.stream.maxBufferedBytes,
    stallTimeoutMs: env.stream.stallTimeoutMs,
    onEnd: (ended) => hub.remove(ended),
    onFallBehind: (behind) => {
      runtime.stats.fellBehind += 1
      runInBackground(payload, behind, catchUp(runtime, behind))
    },
  })
  // Attach before reading the start position: whatever commits from now on is buffered.
  hub.add(subscriber)
  runInBackground(payload, subscriber, startStream(runtime, subscriber, parsed.cursor))
  return { ok: true, subscriber }
}

function runInBackground(payload: Payload, subscriber: StreamSubscriber, work: Promise<void>) {
  work.catch((error) => {
    payload.logger.error({ err: error }, 'stream replay failed')
    subscriber.drop()
  })
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
  if (!subscriber.goLive()) await catchUp(runtime, subscriber)
}

// Brings a stream that fell behind (or overflowed while replaying) up to date from the feed,
// paced by the client's reading, round after round until nothing was missed meanwhile.
async function catchUp(runtime: Realtime, subscriber: StreamSubscriber) {
  do {
    // Behind means over the bound: let the client read what it has before sending more.
    if (subscriber.isOverBound) await subscriber.waitForRoom()
    if (subscriber.isEnded) return
    subscriber.beginCatchUp()
    // Read after beginCatchUp: anything newer is collected live, anything older is in the feed.
    const to = await latestChangeId(runtime.payload)
    await replay(runtime, subscriber, subscriber.position, to)
  } while (!subscriber.goLive())
}

// Replays (from, to] for this user. Anything after `to` reaches the subscriber live.
async function replay(runtime: Realtime, subscriber: StreamSubscriber, from: number, to: number) {
  let after = from
  while (after < to && !subscriber.isEnded) {
    await subscriber.waitForRoom()
    const { rows, events } = await readEvents(runtime.payload, { after, limit: REPLAY_BATCH, userId: subscriber.userId })
    const inRange = rows.filter((row) => row.id <= to)
    if (inRange.length === 0) return
    for (const event of events) {
      if (event.id > to) break
      if (subscriber.isOverBound) await subscriber.waitForRoom()
      subscriber.sendAt(event.id, encodeEvent(event))
    }
    after = inRange[inRange.length - 1].id
  }
}
