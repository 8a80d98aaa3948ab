// At most one pass per key per window, in bounded memory: a key's entry lives for one window.
// Every entry lives exactly `windowMs`, so the map's insertion order is expiry order and the
// expired ones are dropped from its front on each call: the map holds only the keys that passed
// within the last window.
export class WindowThrottle {
  private readonly until = new Map<string, number>()

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.until.size
  }

  // True (and the window starts) when `key` has not passed within the window; false otherwise.
  allow(key: string): boolean {
    const now = this.now()
    for (const [oldest, until] of this.until) {
      if (until > now) break
      this.until.delete(oldest)
    }
    if (this.until.has(key)) return false
    this.until.set(key, now + this.windowMs)
    return true
  }

  // The key may pass again at once (the user sent their message: a new draft is news).
  forget(key: string): void {
    this.until.delete(key)
  }
}
