// The latest ephemeral frame per key (one user's presence) that reached a stream while it was not
// live (replaying at its start, or catching up after falling behind), written when it goes live.
// The client asks the presence snapshot on `ready`, but the replay runs after ready and a stream
// that caught up gets no new ready: without this a change in between would be lost for good and
// the client would show a stale state. Typing is never held: it expires on its own.
// Bounded in bytes: past the bound the oldest frames go (a client then keeps what it last had
// for those users; ~300 presence frames fit in the default bound).
export class HeldEphemeral {
  private readonly frames = new Map<string, Uint8Array>()
  private bytes = 0

  constructor(private readonly maxBytes: number) {}

  get size(): number {
    return this.frames.size
  }

  hold(key: string, frame: Uint8Array): void {
    const previous = this.frames.get(key)
    if (previous) {
      this.frames.delete(key)
      this.bytes -= previous.byteLength
    }
    // Insertion order is recency: the front is the oldest.
    this.frames.set(key, frame)
    this.bytes += frame.byteLength
    for (const [oldest, bytes] of this.frames) {
      if (this.bytes <= this.maxBytes) break
      this.frames.delete(oldest)
      this.bytes -= bytes.byteLength
    }
  }

  // Everything held, oldest first, and forgets it.
  take(): Uint8Array[] {
    const frames = [...this.frames.values()]
    this.frames.clear()
    this.bytes = 0
    return frames
  }
}
