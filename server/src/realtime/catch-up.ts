// Catch-up of one stream, in one place: whether the stream is live or catching up, what was
// published meanwhile, and draining it in feed order. A stream catches up at its start (replay
// what the client missed, or tell it to reset) and whenever it passed its buffer bound while live:
// then it stops taking events and reads them from the feed once its socket drains, so a burst
// costs memory for one bound, not for the burst. The feed is read in batches paced by the
// client's own reading.
import type { ChangeFeed } from '../db/change-feed'
import { env } from '../env'
import { decideStart, type StartDecision } from './resume'
import type { Realtime } from './runtime'
import { encodeEvent, encodeReady, encodeReset } from './sse-wire'

const REPLAY_BATCH = 200

// Whose changes a stream replays: its user's, or (the admin scope) all of them.
const feedUser = (stream: CatchUpStream) => (stream.everyChange ? undefined : stream.userId)

// The stream as catch-up sees it (the subscriber in front of the sink).
export interface CatchUpStream {
  readonly userId: number | string
  // The admin scope: every change, not only the user's.
  readonly everyChange?: boolean
  readonly isEnded: boolean
  readonly isOverBound: boolean
  // The last change id written.
  readonly position: number
  // A live event: written unless already sent.
  deliver(changeId: number, bytes: Uint8Array): void
  // Replayed history and control frames, written in order.
  sendAt(changeId: number, bytes: Uint8Array): void
  waitForRoom(): Promise<void>
  drop(): void
  // Live again (after its start or a fall behind): write what was held for that moment.
  wentLive?(): void
}

export interface CatchUpContext {
  feed: Pick<ChangeFeed, 'latest' | 'read'>
  // Since start: streams that passed their bound and caught up from the feed instead.
  stats: { fellBehind: number }
  logError: (error: unknown, message: string) => void
}

export class CatchUp {
  // Non-null while catching up: what was published meanwhile. `overflowed` means that was too
  // much to hold and must be read from the feed again.
  private pending: Array<{ id: number; bytes: Uint8Array }> | null = []
  private pendingBytes = 0
  private overflowed = false

  constructor(
    private readonly stream: CatchUpStream,
    private readonly context: CatchUpContext,
    private readonly maxHeldBytes: number,
  ) {}

  get isLive(): boolean {
    return this.pending === null
  }

  // A published event while catching up: held (or, past the bound, left to the feed). False when
  // live: the stream writes it.
  hold(changeId: number, bytes: Uint8Array): boolean {
    if (!this.pending) return false
    if (this.overflowed) return true
    this.pending.push({ id: changeId, bytes })
    this.pendingBytes += bytes.byteLength
    if (this.pendingBytes > this.maxHeldBytes) this.overflow()
    return true
  }

  // The live stream passed its bound: take no more events, catch up from the feed in the background.
  fallBehind(): void {
    this.overflow()
    this.context.stats.fellBehind += 1
    this.inBackground(this.untilLive())
  }

  // A new round of catching up: collect what is published from now on.
  beginCatchUp(): void {
    this.pending = []
    this.pendingBytes = 0
    this.overflowed = false
  }

  // Replay is done: drain what arrived meanwhile in feed order (the stream skips what the replay
  // already sent). False when that was more than the bound could hold: catch up again.
  goLive(): boolean {
    if (this.overflowed) return false
    const pending = this.pending ?? []
    this.pending = null
    this.pendingBytes = 0
    for (const { id, bytes } of pending) this.stream.deliver(id, bytes)
    this.stream.wentLive?.()
    return true
  }

  // The stream ended: nothing more to hold.
  release(): void {
    this.pending = null
    this.pendingBytes = 0
  }

  // The stream's start, in the background: ready (and reset or replay), then live.
  start(runtime: Pick<Realtime, 'feed' | 'poller'>, cursor: number | null): void {
    this.inBackground(this.startFrom(runtime, cursor))
  }

  // Replays (from, to] for this user. Anything after `to` reaches the stream live.
  async replay(from: number, to: number): Promise<void> {
    const { stream } = this
    let after = from
    while (after < to && !stream.isEnded) {
      await stream.waitForRoom()
      const { events, through } = await this.context.feed.read({ after, limit: REPLAY_BATCH, userId: feedUser(stream) })
      if (through === null) return
      for (const event of events) {
        if (event.id > to) return
        if (stream.isOverBound) await stream.waitForRoom()
        stream.sendAt(event.id, encodeEvent(event))
      }
      after = through
    }
  }

  // Goes live, catching up from the feed round after round until nothing was missed meanwhile.
  async untilLive(): Promise<void> {
    const { stream } = this
    while (!stream.isEnded && !this.goLive()) {
      // Behind means over the bound: let the client read what it has before sending more.
      if (stream.isOverBound) await stream.waitForRoom()
      if (stream.isEnded) return
      this.beginCatchUp()
      // Read after beginCatchUp: anything newer is collected live, anything older is in the feed.
      const to = await this.context.feed.latest()
      await this.replay(stream.position, to)
    }
  }

  private async startFrom(runtime: Pick<Realtime, 'feed' | 'poller'>, cursor: number | null): Promise<void> {
    const { feed, poller } = runtime
    const { stream } = this
    await poller.ready
    const latest = await feed.latest()
    let decision: StartDecision = decideStart({ cursor, latest, oldestResumable: await feed.oldestResumable() })
    if (decision.kind === 'replay') {
      const limit = env.stream.replayLimit
      const backlog = await feed.count({ after: decision.from, userId: feedUser(stream), atMost: limit + 1 })
      if (backlog > limit) decision = { kind: 'reset', from: latest, reason: 'backlog' }
    }

    // On reset the id travels on the reset frame, so a drop between the two frames repeats the reset.
    const readyId = decision.kind === 'reset' ? undefined : decision.from
    stream.sendAt(decision.from, encodeReady({ retryMs: env.stream.retryMs, id: readyId, latest, user: Number(stream.userId) }))
    if (decision.kind === 'reset') stream.sendAt(latest, encodeReset({ latest, reason: decision.reason }))
    if (decision.kind === 'replay') await this.replay(decision.from, decision.to)
    await this.untilLive()
  }

  private overflow(): void {
    this.overflowed = true
    this.pending = []
    this.pendingBytes = 0
  }

  private inBackground(work: Promise<void>): void {
    work.catch((error) => {
      this.context.logError(error, 'stream replay failed')
      this.stream.drop()
    })
  }
}
