// Heartbeats spread over their interval. Writing a ping to (and checking the stall of) every open
// stream in one synchronous pass holds the event loop for the whole pass: with 10,000 streams, a
// delivery stall every interval, which is what a p99 sees. Here members are split into slices
// and one slice is visited per tick (every intervalMs / slices), so each member is still visited
// once per interval, and a pass costs a slice of the streams.
export const MAX_HEARTBEAT_SLICES = 15
// Ticks at most once a second: an idle process wakes no more often for this than that.
const MIN_TICK_MS = 1000

export const heartbeatSlices = (intervalMs: number): number =>
  Math.max(1, Math.min(MAX_HEARTBEAT_SLICES, Math.floor(intervalMs / MIN_TICK_MS)))

export class HeartbeatRota<T> {
  private readonly slices: Array<Set<T>>
  private readonly sliceOf = new Map<T, Set<T>>()
  private next = 0
  private timer: ReturnType<typeof setInterval> | undefined

  constructor(
    private readonly intervalMs: number,
    // The members of one slice, with the tick's time; a member removed during the visit stays in
    // the array it was given (the visitor checks `has`).
    private readonly visit: (members: ReadonlyArray<T>, now: number) => void,
    sliceCount = heartbeatSlices(intervalMs),
  ) {
    this.slices = Array.from({ length: sliceCount }, () => new Set<T>())
  }

  get size(): number {
    return this.sliceOf.size
  }

  get hasTimer(): boolean {
    return this.timer !== undefined
  }

  has(member: T): boolean {
    return this.sliceOf.has(member)
  }

  // Into the smallest slice, so slices stay even as streams come and go. The timer runs while
  // there are members.
  add(member: T): void {
    if (this.sliceOf.has(member)) return
    let smallest = this.slices[0]!
    for (const slice of this.slices) if (slice.size < smallest.size) smallest = slice
    smallest.add(member)
    this.sliceOf.set(member, smallest)
    if (!this.timer) this.timer = setInterval(() => this.tick(), this.intervalMs / this.slices.length)
  }

  remove(member: T): void {
    const slice = this.sliceOf.get(member)
    if (!slice) return
    slice.delete(member)
    this.sliceOf.delete(member)
    if (this.sliceOf.size === 0) {
      clearInterval(this.timer)
      this.timer = undefined
    }
  }

  private tick(): void {
    const slice = this.slices[this.next]!
    this.next = (this.next + 1) % this.slices.length
    if (slice.size > 0) this.visit([...slice], Date.now())
  }
}
