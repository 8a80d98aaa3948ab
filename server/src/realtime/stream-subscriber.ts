// One open stream: ordering and bounds in front of a sink. Change ids only move forward, so a
// change that arrives twice (replay and live) is written once. Events that arrive while history
// is being replayed wait in `pending` until the replay is done.
import type { Subscriber } from './hub'
import type { StreamSink } from './sinks'

interface Options {
  userId: number | string
  audienceKey: string
  sink: StreamSink
  maxBufferedBytes: number
  onEnd: (subscriber: StreamSubscriber) => void
}

export class StreamSubscriber implements Subscriber {
  readonly userId: number | string
  readonly audienceKey: string
  private readonly sink: StreamSink
  private lastSentId = -1
  private pending: Array<{ id: number; bytes: Uint8Array }> | null = []
  private pendingBytes = 0
  private ended = false

  constructor(private readonly options: Options) {
    this.userId = options.userId
    this.audienceKey = options.audienceKey
    this.sink = options.sink
    // The client went away: release at once.
    this.sink.onClose(() => this.release())
  }

  get isEnded(): boolean {
    return this.ended
  }

  get position(): number {
    return this.lastSentId
  }

  deliver(changeId: number, bytes: Uint8Array): void {
    if (this.ended || changeId <= this.lastSentId) return
    if (this.pending) {
      this.pending.push({ id: changeId, bytes })
      this.pendingBytes += bytes.byteLength
      if (this.pendingBytes > this.options.maxBufferedBytes) this.drop()
      return
    }
    this.lastSentId = changeId
    this.write(bytes)
  }

  // Replayed history and control frames (ready, reset) written in order before going live.
  sendAt(changeId: number, bytes: Uint8Array): void {
    if (this.ended) return
    if (changeId > this.lastSentId) this.lastSentId = changeId
    this.write(bytes)
  }

  sendRaw(bytes: Uint8Array): void {
    if (!this.ended) this.write(bytes)
  }

  // Replay waits on this between batches, so a resuming client is paced by its own reading.
  waitForRoom(): Promise<void> {
    return this.ended ? Promise.resolve() : this.sink.waitForRoom()
  }

  // Replay is done: flush what arrived meanwhile, skipping what the replay already sent.
  goLive(): void {
    const pending = this.pending ?? []
    this.pending = null
    this.pendingBytes = 0
    for (const { id, bytes } of pending) this.deliver(id, bytes)
  }

  // Graceful end: what is queued is still sent, then the response ends.
  end(): void {
    if (this.ended) return
    this.release()
    this.sink.end()
  }

  // The client cannot keep up: discard its queue and cut the connection; it resumes by cursor.
  drop(): void {
    if (this.ended) return
    this.release()
    this.sink.abort()
  }

  private write(bytes: Uint8Array): void {
    let queued: number
    try {
      queued = this.sink.write(bytes)
    } catch {
      this.release()
      return
    }
    if (queued > this.options.maxBufferedBytes) this.drop()
  }

  private release(): void {
    if (this.ended) return
    this.ended = true
    this.pending = null
    this.pendingBytes = 0
    this.options.onEnd(this)
  }
}
