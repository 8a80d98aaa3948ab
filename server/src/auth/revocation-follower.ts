// Follows the revocations every process writes (../db/cross-process.ts) and applies each here:
// a logout, password change or deletion on another process ends this process's remembered logins
// and open streams of those sessions. Woken by the commit signal within milliseconds; the fallback
// interval bounds it when no signal comes (FEED_WAKE_CHECK_MS=0). Starts at the latest revocation:
// a process that has just started remembers no login and streams nothing from before.
import type { CrossProcess, Revocation } from '../db/cross-process'

// Revocations matter while a login may still be remembered or a stream not yet checked; kept an
// hour, far past both (AUTH_CACHE_MS, SSE_SESSION_CHECK_MS), then pruned.
const KEEP_MS = 60 * 60 * 1000

export class RevocationFollower {
  private cursor = 0
  private timer: ReturnType<typeof setInterval> | undefined
  private reading = false
  private readAgain = false
  private lastPruneAt = 0

  constructor(
    private readonly options: {
      store: CrossProcess
      fallbackMs: number
      apply: (revocation: Revocation) => void
      logError: (error: unknown, message: string) => void
    },
  ) {}

  async start(): Promise<void> {
    this.cursor = await this.options.store.latestRevocation()
    this.timer = setInterval(() => this.wake(), this.options.fallbackMs)
    this.timer.unref()
  }

  stop(): void {
    clearInterval(this.timer)
    this.timer = undefined
  }

  get position(): number {
    return this.cursor
  }

  // Reads and applies what is new; a wake while reading reads again after.
  wake(): void {
    if (this.reading) {
      this.readAgain = true
      return
    }
    void this.read()
  }

  private async read(): Promise<void> {
    this.reading = true
    try {
      do {
        this.readAgain = false
        for (const revocation of await this.options.store.revocationsAfter(this.cursor)) {
          this.cursor = revocation.id
          try {
            this.options.apply(revocation)
          } catch (error) {
            this.options.logError(error, 'applying a revocation failed')
          }
        }
      } while (this.readAgain)
      if (Date.now() - this.lastPruneAt > KEEP_MS) {
        this.lastPruneAt = Date.now()
        await this.options.store.pruneRevocations(KEEP_MS)
      }
    } catch (error) {
      this.options.logError(error, 'reading revocations failed')
    } finally {
      this.reading = false
    }
  }
}
