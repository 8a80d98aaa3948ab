// One open stream: ordering and bounds in front of a sink. Change ids only move forward, so a
// change that arrives twice (replay and live) is written once.
//
// Whether the stream is live or catching up, and what waits meanwhile, is its catch-up's
// (./catch-up.ts): the hub delivers here, a live event is written, anything else goes to the
// catch-up. A live stream whose unsent bytes pass the bound hands over to it. A client that does
// not read for `stallTimeoutMs` is dropped.
import { CatchUp, type CatchUpContext, type CatchUpStream } from './catch-up'
import { HeldEphemeral } from './held-ephemeral'
import type { Subscriber } from './hub'
import type { StreamSink } from './sinks'
import { StallWatch } from './stall-watch'

interface Options {
  userId: number | string
  // The login session the stream was opened with: a logout of that session ends the stream.
  sessionId?: string
  audienceKey: string
  // The admin scope: replays every change, not the user's (./admin-scope.ts).
  everyChange?: boolean
  sink: StreamSink
  maxBufferedBytes: number
  stallTimeoutMs: number
  onEnd: (subscriber: StreamSubscriber) => void
  // Where catching up reads from.
  catchUp: CatchUpContext
}

// ~300 presence frames: a stream's worth of small rooms and DM peers changing while it catches up.
const HELD_EPHEMERAL_BYTES = 32 * 1024

export class StreamSubscriber implements Subscriber, CatchUpStream {
  readonly userId: number | string
  readonly sessionId: string | undefined
  readonly audienceKey: string
  readonly everyChange: boolean
  private readonly sink: StreamSink
  // Starts catching up: nothing is live before the start decision is sent.
  readonly catchUp: CatchUp
  private lastSentId = -1
  private ended = false
  // Resolves the pending waitForRoom() when the stream ends.
  private wakeRoomWaiter: (() => void) | undefined
  // Bytes handed to the sink; minus its queue, what the client has taken.
  private written = 0
  // Heartbeat-time stall check for streams not waiting in waitForRoom: bytes queued, none taken.
  private readonly stallWatch: StallWatch
  // The latest presence per user that arrived while not live (./held-ephemeral.ts).
  private readonly held = new HeldEphemeral(HELD_EPHEMERAL_BYTES)

  constructor(private readonly options: Options) {
    this.userId = options.userId
    this.sessionId = options.sessionId
    this.audienceKey = options.audienceKey
    this.everyChange = options.everyChange ?? false
    this.sink = options.sink
    this.stallWatch = new StallWatch(options.stallTimeoutMs)
    this.catchUp = new CatchUp(this, options.catchUp, options.maxBufferedBytes)
    // The client went away: release at once.
    this.sink.onClose(() => this.release())
  }

  get isEnded(): boolean {
    return this.ended
  }

  get isLive(): boolean {
    return !this.ended && this.catchUp.isLive
  }

  get isOverBound(): boolean {
    return this.sink.queuedBytes > this.options.maxBufferedBytes
  }

  get position(): number {
    return this.lastSentId
  }

  deliver(changeId: number, bytes: Uint8Array): void {
    if (this.ended || changeId <= this.lastSentId) return
    if (this.catchUp.hold(changeId, bytes)) return
    this.lastSentId = changeId
    this.write(bytes)
    if (this.isOverBound) this.catchUp.fallBehind()
  }

  // Presence and typing: ephemeral, never moves `lastSentId`. A stream that would pass its bound
  // misses it. One that is not live misses typing, but keeps the latest frame per `holdKey`
  // (a user's presence) and writes it when it goes live (wentLive).
  deliverEphemeral(bytes: Uint8Array, holdKey?: string): boolean {
    if (this.ended) return false
    if (!this.isLive) {
      if (holdKey !== undefined) this.held.hold(holdKey, bytes)
      return false
    }
    if (this.sink.queuedBytes + bytes.byteLength > this.options.maxBufferedBytes) return false
    this.write(bytes)
    return !this.ended
  }

  // From the catch-up, once what it held is drained: the presence that changed meanwhile.
  wentLive(): void {
    for (const frame of this.held.take()) this.deliverEphemeral(frame)
  }

  // Replayed history and control frames (ready, reset), written in order while catching up.
  sendAt(changeId: number, bytes: Uint8Array): void {
    if (this.ended) return
    if (changeId > this.lastSentId) this.lastSentId = changeId
    this.write(bytes)
  }

  // A heartbeat: skipped while bytes are waiting anyway, so a stalled stream does not grow.
  sendHeartbeat(bytes: Uint8Array): void {
    if (!this.ended && this.sink.queuedBytes === 0) this.write(bytes)
  }

  // A stream whose queue has not shrunk for the stall timeout is dropped, even if it is under its
  // bound (a client that stopped reading while little was sent).
  checkStall(now = Date.now()): void {
    if (this.ended) return
    if (this.stallWatch.observe({ queued: this.sink.queuedBytes, flushed: this.flushedBytes, now })) this.drop()
  }

  // Catching up waits on this, so it is paced by the client's own reading. A client that reads
  // nothing for the stall timeout is dropped; a slow one that keeps reading is not.
  async waitForRoom(): Promise<void> {
    if (this.ended) return
    let flushed = this.flushedBytes
    const watchdog = setInterval(() => {
      if (this.flushedBytes <= flushed) this.drop()
      flushed = this.flushedBytes
    }, this.options.stallTimeoutMs)
    try {
      await new Promise<void>((resolve) => {
        this.wakeRoomWaiter = resolve
        void this.sink.waitForRoom().then(resolve)
      })
    } finally {
      clearInterval(watchdog)
      this.wakeRoomWaiter = undefined
    }
  }

  // Graceful end: what is queued is still sent, then `finalBytes` (a retry hint), then the
  // response ends.
  end(finalBytes?: Uint8Array): void {
    if (this.ended) return
    if (finalBytes) this.write(finalBytes)
    this.release()
    this.sink.end()
  }

  // The client stalled (or the stream failed): discard its queue and cut the connection; it
  // resumes by cursor.
  drop(): void {
    if (this.ended) return
    this.release()
    this.sink.abort()
  }

  private get flushedBytes(): number {
    return this.written - this.sink.queuedBytes
  }

  private write(bytes: Uint8Array): void {
    try {
      this.sink.write(bytes)
      this.written += bytes.byteLength
    } catch {
      this.release()
    }
  }

  private release(): void {
    if (this.ended) return
    this.ended = true
    this.catchUp.release()
    this.wakeRoomWaiter?.()
    this.options.onEnd(this)
  }
}
