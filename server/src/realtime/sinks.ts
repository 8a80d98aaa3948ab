// Where a stream's bytes go. The subscriber logic is the same for both transports:
// - WebStreamSink: a web ReadableStream, returned as a Response by the Payload endpoint
//   (`next dev`, and any host that serves Payload's route handlers);
// - NodeResponseSink: Node's ServerResponse, used by server.mjs in production, where an open
//   stream costs a socket and a few objects instead of a whole pending Next request.
import type { ServerResponse } from 'node:http'

export interface StreamSink {
  write(bytes: Uint8Array): void
  // Bytes written but not yet handed to the client's connection.
  readonly queuedBytes: number
  waitForRoom(): Promise<void>
  // Graceful: what is queued is still sent.
  end(): void
  // Cut the connection and discard the queue.
  abort(): void
  onClose(callback: () => void): void
}

export class WebStreamSink implements StreamSink {
  readonly stream: ReadableStream<Uint8Array>
  private controller!: ReadableStreamDefaultController<Uint8Array>
  private closeCallbacks: Array<() => void> = []
  private roomWaiters: Array<() => void> = []

  constructor(private readonly highWaterMark: number) {
    this.stream = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          this.controller = controller
        },
        // Called whenever the queue drains below its bound.
        pull: () => this.wakeRoomWaiters(),
        cancel: () => this.closed(),
      },
      new ByteLengthQueuingStrategy({ highWaterMark }),
    )
  }

  write(bytes: Uint8Array): void {
    this.controller.enqueue(bytes)
  }

  get queuedBytes(): number {
    return this.highWaterMark - (this.controller.desiredSize ?? 0)
  }

  waitForRoom(): Promise<void> {
    if ((this.controller.desiredSize ?? 0) > 0) return Promise.resolve()
    return new Promise((resolve) => this.roomWaiters.push(resolve))
  }

  end(): void {
    this.settle(() => this.controller.close())
  }

  abort(): void {
    this.settle(() => this.controller.error(new Error('stream aborted')))
  }

  onClose(callback: () => void): void {
    this.closeCallbacks.push(callback)
  }

  private settle(action: () => void): void {
    try {
      action()
    } catch {
      // already closed by the consumer
    }
    this.closed()
  }

  private closed(): void {
    this.wakeRoomWaiters()
    for (const callback of this.closeCallbacks.splice(0)) callback()
  }

  private wakeRoomWaiters(): void {
    for (const resolve of this.roomWaiters.splice(0)) resolve()
  }
}

export class NodeResponseSink implements StreamSink {
  constructor(private readonly res: ServerResponse) {}

  write(bytes: Uint8Array): void {
    if (!this.res.destroyed) this.res.write(bytes)
  }

  get queuedBytes(): number {
    return this.res.writableLength
  }

  waitForRoom(): Promise<void> {
    if (!this.res.writableNeedDrain || this.res.destroyed) return Promise.resolve()
    return new Promise((resolve) => {
      const done = () => {
        this.res.off('drain', done)
        this.res.off('close', done)
        resolve()
      }
      this.res.on('drain', done)
      this.res.on('close', done)
    })
  }

  end(): void {
    this.res.end()
  }

  abort(): void {
    this.res.destroy()
  }

  onClose(callback: () => void): void {
    // A client that left before the stream opened (during auth) closed the response already and
    // 'close' will not come again. Called on the next microtask: the subscriber registers this
    // before the hub adds it, and must be removed after.
    if (this.res.closed) queueMicrotask(callback)
    else this.res.once('close', callback)
  }
}
