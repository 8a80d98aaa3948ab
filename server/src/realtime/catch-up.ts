// Bringing a stream up to date from the feed: at its start (replay what the client missed, or
// tell it to reset) and whenever it fell behind its buffer bound. Live events published meanwhile
// wait in the subscriber; the feed is read in batches paced by the client's own reading.
import { env } from '../env'
import { decideStart, type StartDecision } from './resume'
import type { Realtime } from './runtime'
import { encodeEvent, encodeReady, encodeReset } from './sse-wire'
import type { StreamSubscriber } from './stream-subscriber'

const REPLAY_BATCH = 200

export async function startStream(runtime: Realtime, subscriber: StreamSubscriber, cursor: number | null) {
  const { feed, poller } = runtime
  await poller.ready
  const latest = await feed.latest()
  let decision: StartDecision = decideStart({ cursor, latest, oldestResumable: await feed.oldestResumable() })
  if (decision.kind === 'replay') {
    const limit = env.stream.replayLimit
    const backlog = await feed.count({ after: decision.from, userId: subscriber.userId, atMost: limit + 1 })
    if (backlog > limit) decision = { kind: 'reset', from: latest, reason: 'backlog' }
  }

  // On reset the id travels on the reset frame, so a drop between the two frames repeats the reset.
  const readyId = decision.kind === 'reset' ? undefined : decision.from
  subscriber.sendAt(decision.from, encodeReady({ retryMs: env.stream.retryMs, id: readyId, latest }))
  if (decision.kind === 'reset') subscriber.sendAt(latest, encodeReset({ latest, reason: decision.reason }))
  if (decision.kind === 'replay') await replay(runtime, subscriber, decision.from, decision.to)
  if (!subscriber.goLive()) await catchUp(runtime, subscriber)
}

// Brings a stream that fell behind (or overflowed while replaying) up to date from the feed,
// paced by the client's reading, round after round until nothing was missed meanwhile.
export async function catchUp(runtime: Realtime, subscriber: StreamSubscriber) {
  do {
    // Behind means over the bound: let the client read what it has before sending more.
    if (subscriber.isOverBound) await subscriber.waitForRoom()
    if (subscriber.isEnded) return
    subscriber.beginCatchUp()
    // Read after beginCatchUp: anything newer is collected live, anything older is in the feed.
    const to = await runtime.feed.latest()
    await replay(runtime, subscriber, subscriber.position, to)
  } while (!subscriber.goLive())
}

// Replays (from, to] for this user. Anything after `to` reaches the subscriber live.
async function replay(runtime: Realtime, subscriber: StreamSubscriber, from: number, to: number) {
  let after = from
  while (after < to && !subscriber.isEnded) {
    await subscriber.waitForRoom()
    const { events, through } = await runtime.feed.read({ after, limit: REPLAY_BATCH, userId: subscriber.userId })
    if (through === null) return
    for (const event of events) {
      if (event.id > to) return
      if (subscriber.isOverBound) await subscriber.waitForRoom()
      subscriber.sendAt(event.id, encodeEvent(event))
    }
    after = through
  }
}
