// Presence changes onto the streams: each change of the process's presence store goes, as an
// ephemeral `presence` event, to the streams of its audience (./presence-audience.ts). Also keeps
// what the fan-out remembers in step with the feed: a new DM pair joins the DM peers, and a sent
// message lets its sender's next typing event through at once. Started once per process (onInit).
import type { Payload } from 'payload'

import { env } from '../env'
import { processGlobal } from '../process-global.mjs'
import type { PresenceData } from '../protocol'
import { userAudience } from '../db/change-feed'
import { realtime, type Realtime } from '../realtime/runtime'
import { encodeEphemeral } from '../realtime/sse-wire'
import { DmPeerCache, dmPeersOf } from './dm-peers'
import { presenceAudience } from './presence-audience'
import { typingKey, typingThrottle } from './typing-endpoint'

// 10,000 users' peer lists, each remembered for a minute (a new pair is added at once anyway).
const DM_PEERS = { maxEntries: 10_000, ttlMs: 60_000 }

export interface PresenceFanout {
  dmPeers: DmPeerCache
  // Since start: presence events handed to streams, and changes announced (for the bench).
  stats: { changes: number; deliveries: number }
}

async function announce(runtime: Realtime, fanout: PresenceFanout, change: PresenceData): Promise<void> {
  // The audience index is loaded when the poller starts (the first stream): wait for it.
  await runtime.poller.ready
  const audience = await presenceAudience(change.user, {
    dmPeers: (id) => fanout.dmPeers.of(id),
    index: runtime.audience,
    roomPushMax: env.presence.roomPushMax,
  })
  fanout.stats.changes += 1
  if (audience.size === 0) return
  fanout.stats.deliveries += runtime.hub.publishEphemeral([...audience].map(userAudience), encodeEphemeral('presence', change))
}

function create(payload: Payload): PresenceFanout {
  const runtime = realtime(payload)
  // The runtime's Payload, which a `next dev` reload replaces.
  const fanout: PresenceFanout = {
    dmPeers: new DmPeerCache((id) => dmPeersOf(runtime.payload, id), DM_PEERS),
    stats: { changes: 0, deliveries: 0 },
  }
  runtime.presence.subscribe((change) => {
    announce(runtime, fanout, change).catch((error) => runtime.payload.logger.error({ err: error }, 'presence fan-out failed'))
  })
  runtime.published.add((event) => {
    if (event.type !== 'message.created') return
    const { sender, receiver, room } = event.data
    if (room) typingThrottle().forget(typingKey(sender.id, { room: room.id }))
    // (A DM whose receiver's row is gone has neither.)
    if (!receiver) return
    fanout.dmPeers.noteDm(sender.id, receiver.id)
    typingThrottle().forget(typingKey(sender.id, { receiver: receiver.id }))
  })
  return fanout
}

export const startPresence = (payload: Payload): PresenceFanout => processGlobal('presence-fanout', () => create(payload))
