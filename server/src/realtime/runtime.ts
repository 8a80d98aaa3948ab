// The process-wide realtime runtime (hub + poller), kept on globalThis so that `next dev`
// module reloads do not start a second poller.
import type { Payload } from 'payload'

import { env } from '../env'
import { userAudience } from './feed'
import { Hub } from './hub'
import { ChangePoller } from './poller'
import { SessionCheck } from './session-check'

export interface Realtime {
  hub: Hub
  poller: ChangePoller
  payload: Payload
  sessionCheck: SessionCheck
  // Since start: streams that passed their buffer bound and caught up from the feed instead.
  stats: { fellBehind: number }
}

const KEY = Symbol.for('payload-chat.realtime')
type Holder = typeof globalThis & { [KEY]?: Realtime }

export function realtime(payload: Payload): Realtime {
  const holder = globalThis as Holder
  const existing = holder[KEY]
  if (existing) {
    existing.payload = payload
    return existing
  }
  const runtime = { payload, stats: { fellBehind: 0 } } as Realtime
  runtime.poller = new ChangePoller({
    intervalMs: env.stream.pollIntervalMs,
    // 200 maximum-size messages (~0.9 MB) stay under one subscriber's buffer bound.
    batchSize: 200,
    retentionDays: env.retentionDays,
    getPayload: () => runtime.payload,
    publish: (event) => runtime.hub.publish(event),
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
  )
  runtime.sessionCheck = new SessionCheck({
    intervalMs: env.stream.sessionCheckMs,
    getPayload: () => runtime.payload,
    subscribers: () => runtime.hub.subscribers(),
  })
  holder[KEY] = runtime
  return runtime
}

// For write hooks: wake the poller if this process streams at all; never create it.
export function wakeRealtime(): void {
  ;(globalThis as Holder)[KEY]?.poller.wake()
}

// For auth hooks: a logout ends the streams of its sessions, a deletion or password reset all of
// the user's. The client's reconnect then meets a 401.
export function endUserStreams(userId: number | string, sessionIds?: ReadonlyArray<string | undefined>): void {
  ;(globalThis as Holder)[KEY]?.hub.endStreamsOf(userAudience(userId), sessionIds)
}
