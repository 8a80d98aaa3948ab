// At most one presence push per user per interval, the latest state winning: a tab flapping
// between visible and hidden (or a script calling POST /api/presence in a loop) costs its
// audience one delivery a second at most, and what they end with is the user's latest state.
// One user's pushes also run one after another, in the order offered, even though each first
// awaits its audience (the DM-peer lookup may be slow for one and cached for the next).
// Memory: one window entry per user pushed within the last interval, one pending value per user
// held back, one chain per user whose push is running.
import { WindowThrottle } from './window-throttle'

export type Schedule = (run: () => void, delayMs: number) => void

const laterUnref: Schedule = (run, delayMs) => {
  setTimeout(run, delayMs).unref?.()
}

export class PushCoalescer<T> {
  private readonly windows: WindowThrottle
  private readonly pending = new Map<number, T>()
  private readonly chains = new Map<number, Promise<void>>()

  constructor(
    private readonly intervalMs: number,
    private readonly push: (user: number, value: T) => Promise<void>,
    private readonly onError: (error: unknown) => void,
    private readonly schedule: Schedule = laterUnref,
    now: () => number = Date.now,
  ) {
    this.windows = new WindowThrottle(intervalMs, now)
  }

  offer(user: number, value: T): void {
    // Already held back: the push that is scheduled carries this newer value instead.
    if (this.pending.has(user)) {
      this.pending.set(user, value)
      return
    }
    if (this.windows.allow(String(user))) {
      this.run(user, value)
      return
    }
    this.pending.set(user, value)
    this.schedule(() => {
      const latest = this.pending.get(user) as T
      this.pending.delete(user)
      // This push opens the user's next window.
      this.windows.forget(String(user))
      this.windows.allow(String(user))
      this.run(user, latest)
    }, this.intervalMs)
  }

  private run(user: number, value: T): void {
    const chain = (this.chains.get(user) ?? Promise.resolve()).then(() => this.push(user, value)).catch(this.onError)
    this.chains.set(user, chain)
    void chain.then(() => {
      if (this.chains.get(user) === chain) this.chains.delete(user)
    })
  }

  // For tests and the bench: users with a push held back or running.
  get busy(): number {
    return new Set([...this.pending.keys(), ...this.chains.keys()]).size
  }
}
