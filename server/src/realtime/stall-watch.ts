// Whether a client has stopped reading: bytes are queued for it and it has taken none of them for
// the stall timeout. A decision on observations only (no timer, no I/O): the hub's heartbeat
// observes every stream, a slow client that keeps reading is never stalled.
export class StallWatch {
  private since: { at: number; flushed: number } | undefined

  constructor(private readonly timeoutMs: number) {}

  // `queued`: bytes not yet taken; `flushed`: bytes taken so far. True once stalled.
  observe({ queued, flushed, now }: { queued: number; flushed: number; now: number }): boolean {
    if (queued === 0) {
      this.since = undefined
      return false
    }
    if (!this.since || flushed > this.since.flushed) {
      this.since = { at: now, flushed }
      return false
    }
    return now - this.since.at >= this.timeoutMs
  }
}
