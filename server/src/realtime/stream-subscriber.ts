// One open stream: a bounded byte queue in front of the HTTP response. Change ids only move
// forward, so a change that arrives twice (replay and live) is written once. Events that arrive
// while history is being replayed wait in `pending` until the replay is done.
import type { Subscriber } from './hub'

interface Options {
  userId: number | string
  audienceKey: string
  maxBufferedBytes: number
  onEnd: (subscriber: StreamSubscriber) => void
}

export class StreamSubscriber implements Subscriber {
  readonly userId: number | string
  readonly audienceKey: string
  readonly stream: ReadableStream<Uint8Array>
  private controller!: ReadableStreamDefaultController<Uint8Array>
  private lastSentId = -1
  private pending: Array<{ id: number; bytes: Uint8Array }> | null = []
  private pendingBytes = 0
  private ended = false
  private roomWaiters: Array<() => void> = []

  constructor(private readonly options: Options) {
    this.userId = options.userId
    this.audienceKey = options.audienceKey
    this.stream = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          this.controller = controller
        },
        // Called whenever the queue has drained below its bound.
        pull: () => this.wakeRoomWaiters(),
        cancel: () => this.release(),
      },
      new ByteLengthQueuingStrategy({ highWaterMark: options.maxBufferedBytes }),
    )
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

  // Resolves once the queue has room (or the stream ended): replay waits on it between batches
  // so that a resuming client is paced by its own reading, not dropped for it.
  waitForRoom(): Promise<void> {
    if (this.ended || (this.controller.desiredSize ?? 0) > 0) return Promise.resolve()
    return new Promise((resolve) => this.roomWaiters.push(resolve))
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
    try {
      this.controller.close()
    } catch {
      // already closed by the consumer
    }
  }

  // The client cannot keep up: discard its queue and cut the connection; it resumes by cursor.
  drop(): void {
    if (this.ended) return
    this.release()
    try {
      this.controller.error(new Error('subscriber too slow'))
    } catch {
      // already closed by the consumer
    }
  }

  private write(bytes: Uint8Array): void {
    try {
      this.controller.enqueue(bytes)
    } catch {
      this.release()
      return
    }
    if ((this.controller.desiredSize ?? 0) < 0) this.drop()
  }

  private wakeRoomWaiters(): void {
    const waiters = this.roomWaiters
    this.roomWaiters = []
    for (const resolve of waiters) resolve()
  }

  private release(): void {
    if (this.ended) return
    this.ended = true
    this.pending = null
    this.pendingBytes = 0
    this.wakeRoomWaiters()
    this.options.onEnd(this)
  }
}
