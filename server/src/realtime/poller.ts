// The one poller of this process: follows the change feed by id and hands events to the hub.
// It runs only while someone is subscribed. Writes through this process wake it right after
// they commit; the interval is the fallback for writes from other processes.
import type { ChangeEvent, ChangeFeed } from '../db/change-feed'

export interface PollerOptions {
  intervalMs: number
  batchSize: number
  retentionDays: number
  feed: () => ChangeFeed
  logError: (error: unknown, message: string) => void
  publish: (event: ChangeEvent) => void
  // Runs when the poller starts, with its starting cursor, before anything is published: reads
  // what it needs at that cursor (the memberships, for the audience index) and returns how to
  // apply it. The poller applies it only if this start is still the current one: a start
  // overtaken by a stop and a newer start must not overwrite what the newer one applied.
  onStart?: (cursor: number) => Promise<() => void>
}

const PRUNE_EVERY_MS = 60 * 60 * 1000

export class ChangePoller {
  private cursor = 0
  // Bumped by stop(): a poll still running from an earlier start must not publish or move on.
  private generation = 0
  private active = false
  private timer: ReturnType<typeof setTimeout> | undefined
  private polling = false
  private pollAgain = false
  private lastPruneAt = 0
  private started: Promise<void> = Promise.resolve()
  polls = 0

  constructor(private readonly options: PollerOptions) {}

  get isActive(): boolean {
    return this.active
  }

  get hasTimer(): boolean {
    return this.timer !== undefined
  }

  get position(): number {
    return this.cursor
  }

  // Resolves once the cursor is set; a subscriber must read its own start position after this,
  // so that everything after that position is still ahead of the poller.
  get ready(): Promise<void> {
    return this.started
  }

  start(): void {
    const generation = ++this.generation
    this.started = (async () => {
      const cursor = await this.options.feed().latest()
      if (generation !== this.generation) return
      const apply = await this.options.onStart?.(cursor)
      if (generation !== this.generation) return
      apply?.()
      this.cursor = cursor
      this.active = true
      this.schedule(0)
    })()
    this.started.catch((error) => this.options.logError(error, 'poller start failed'))
  }

  stop(): void {
    this.generation += 1
    this.active = false
    clearTimeout(this.timer)
    this.timer = undefined
  }

  wake(): void {
    if (!this.active) return
    if (this.polling) {
      this.pollAgain = true
      return
    }
    this.schedule(0)
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer)
    this.timer = setTimeout(() => {
      this.timer = undefined
      void this.run()
    }, delayMs)
  }

  private async run(): Promise<void> {
    const generation = this.generation
    this.polling = true
    try {
      do {
        this.pollAgain = false
        await this.drain(generation)
      } while (this.pollAgain && generation === this.generation)
      await this.pruneWhenDue()
    } catch (error) {
      this.options.logError(error, 'change feed poll failed')
    } finally {
      // A run from before a stop/start must not clear the flag of the run that replaced it.
      if (generation === this.generation) {
        this.polling = false
        if (this.active) this.schedule(this.options.intervalMs)
      }
    }
  }

  private async drain(generation: number): Promise<void> {
    for (;;) {
      this.polls += 1
      const { events, through, full } = await this.options.feed().read({ after: this.cursor, limit: this.options.batchSize })
      if (through === null || generation !== this.generation) return
      for (const event of events) this.options.publish(event)
      this.cursor = through
      if (!full) return
      // A burst spans many batches: let sockets flush and requests run between them.
      await new Promise((resolve) => setImmediate(resolve))
    }
  }

  private async pruneWhenDue(): Promise<void> {
    if (Date.now() - this.lastPruneAt < PRUNE_EVERY_MS) return
    this.lastPruneAt = Date.now()
    await this.options.feed().prune(this.options.retentionDays)
  }
}
