// Streams are authorised when they open. This ends those whose login session has gone since,
// whoever ended it: a logout or password reset through another server process, a deleted user,
// an expired session (in this process those end streams at once: src/collections/Users/hooks).
// One query per interval for all open streams, and only while there are any; one more while
// admin-scope streams are open: their users must still be moderators (a demotion or suspension
// through any process ends them here).
import { ADMIN_AUDIENCE, type ChangeFeed } from '../db/change-feed'
import type { Subscriber } from './hub'

export class SessionCheck {
  private timer: ReturnType<typeof setInterval> | undefined
  private running = false

  constructor(
    private readonly options: {
      intervalMs: number
      feed: () => ChangeFeed
      logError: (error: unknown, message: string) => void
      subscribers: () => Iterable<Subscriber>
      // Of these users, those who may still hold an admin-scope stream (./admin-scope.ts).
      stillModerators?: (userIds: ReadonlyArray<string>) => Promise<Set<string>>
    },
  ) {}

  get hasTimer(): boolean {
    return this.timer !== undefined
  }

  start(): void {
    if (this.timer) return
    this.timer = setInterval(() => void this.run(), this.options.intervalMs)
  }

  stop(): void {
    clearInterval(this.timer)
    this.timer = undefined
  }

  async run(): Promise<number> {
    if (this.running) return 0
    this.running = true
    try {
      const open = [...this.options.subscribers()].filter((subscriber) => subscriber.sessionId)
      const userIds = [...new Set(open.map((subscriber) => String(subscriber.userId)))]
      const live = await this.options.feed().liveSessions(userIds, new Date())
      const ended = open.filter((subscriber) => !live.has(subscriber.sessionId!))
      const ending = new Set(ended)
      const scoped = [...this.options.subscribers()].filter((s) => s.audienceKey === ADMIN_AUDIENCE && !ending.has(s))
      if (scoped.length > 0 && this.options.stillModerators) {
        const moderators = await this.options.stillModerators([...new Set(scoped.map((s) => String(s.userId)))])
        ended.push(...scoped.filter((subscriber) => !moderators.has(String(subscriber.userId))))
      }
      for (const subscriber of ended) subscriber.end()
      return ended.length
    } catch (error) {
      this.options.logError(error, 'stream session check failed')
      return 0
    } finally {
      this.running = false
    }
  }
}
