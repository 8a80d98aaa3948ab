// Presence changes onto the streams: each change of the process's presence store goes, as an
// ephemeral `presence` event, to the streams of its audience (./presence-audience.ts). Also keeps
// what the fan-out remembers in step with the feed: a new DM pair joins the DM peers, and a sent
// message lets its sender's next typing event through at once. Typing notices from any process go
// to this process's streams (./typing-delivery.ts). Started once per process (onInit).
import type { Payload } from 'payload'

import { env } from '../env'
import { processGlobal } from '../process-global.mjs'
import type { PresenceData } from '../protocol'
import { userAudience } from '../db/change-feed'
import { realtime, type Realtime } from '../realtime/runtime'
import { encodeEphemeral } from '../realtime/sse-wire'
import { DmPeerCache, dmPeersOf } from './dm-peers'
import { presenceAudience } from './presence-audience'
import { PushCoalescer } from './push-coalescer'
import { deliverTyping } from './typing-delivery'
import { typingKey, typingThrottle } from './typing-endpoint'

// One user's presence reaches their audience at most once a second, the latest state winning.
const PRESENCE_PUSH_INTERVAL_MS = 1000

// 10,000 users' peer lists, each remembered for a minute (a new pair is added at once anyway).
const DM_PEERS = { maxEntries: 10_000, ttlMs: 60_000 }

export interface PresenceFanout {
  dmPeers: DmPeerCache
  // Since start: presence events handed to streams, and changes announced (for the bench).
  stats: { changes: number; deliveries: number }
}

async function announce(runtime: Realtime, fanout: PresenceFanout, change: PresenceData): Promise<void> {
  // The audience index is loaded when the poller starts (the first stream): wait for it. A
  // process whose poller is stopped has no stream to tell and a stale index (from when its last
  // stream closed): it computes nothing (no DM-peer query for every change in the cluster), and a
  // stream attaching meanwhile waits for the restarted poller's fresh index and its own snapshot.
  await runtime.poller.ready
  if (!runtime.poller.isActive) return
  const audience = await presenceAudience(change.user, {
    dmPeers: (id) => fanout.dmPeers.of(id),
    index: runtime.audience,
    roomPushMax: env.presence.roomPushMax,
  })
  fanout.stats.changes += 1
  if (audience.size === 0) return
  fanout.stats.deliveries += runtime.hub.publishEphemeral([...audience].map(userAudience), encodeEphemeral('presence', change), `presence:${change.user}`)
}

function create(payload: Payload): PresenceFanout {
  const runtime = realtime(payload)
  // The runtime's Payload, which a `next dev` reload replaces.
  const fanout: PresenceFanout = {
    dmPeers: new DmPeerCache((id) => dmPeersOf(runtime.payload, id), DM_PEERS),
    stats: { changes: 0, deliveries: 0 },
  }
  const pushes = new PushCoalescer<PresenceData>(
    PRESENCE_PUSH_INTERVAL_MS,
    (_user, change) => announce(runtime, fanout, change),
    (error) => runtime.payload.logger.error({ err: error }, 'presence fan-out failed'),
  )
  runtime.presence.subscribe((change) => pushes.offer(change.user, change))
  runtime.presence.subscribeTyping((data) =>
    deliverTyping(runtime, data).catch((error) => runtime.payload.logger.error({ err: error }, 'delivering a typing notice failed')),
  )
  runtime.published.add((event) => {
    if (event.type !== 'message.created') return
    const { sender, receiver, room } = event.data
    // A row can lack both sides (its receiver deleted by raw SQL): nothing to remember then.
    if (room) typingThrottle().forget(typingKey(sender.id, { room: room.id }))
    else if (receiver) {
      fanout.dmPeers.noteDm(sender.id, receiver.id)
      typingThrottle().forget(typingKey(sender.id, { receiver: receiver.id }))
    }
  })
  return fanout
}

export const startPresence = (payload: Payload): PresenceFanout => processGlobal('presence-fanout', () => create(payload))
