// Streams are authorised when they open. This ends those whose login session has gone since,
// whoever ended it: a logout or password reset through another server process, a deleted user,
// an expired session (in this process those end streams at once: src/collections/Users/hooks).
// One query per interval for every USERS_PER_QUERY users with open streams, and only while there
// are any; one more while admin-scope streams are open: their users must still be moderators (a
// demotion or suspension through any process ends them here). With thousands of users the slices
// are checked one after another, yielding to the event loop between them, so deliveries are not
// held up behind one pass over every stream.
import { ADMIN_AUDIENCE, type ChangeFeed } from '../db/change-feed'
import type { Subscriber } from './hub'

export const USERS_PER_QUERY = 250

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve))

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
      // Streams by user, and the admin-scope ones, in one pass that only files them.
      const byUser = new Map<string, Subscriber[]>()
      const adminScope: Subscriber[] = []
      for (const subscriber of this.options.subscribers()) {
        if (subscriber.audienceKey === ADMIN_AUDIENCE) adminScope.push(subscriber)
        if (!subscriber.sessionId) continue
        const key = String(subscriber.userId)
        const streams = byUser.get(key)
        if (streams) streams.push(subscriber)
        else byUser.set(key, [subscriber])
      }
      const userIds = [...byUser.keys()]
      const now = new Date()
      const ended: Subscriber[] = []
      for (let from = 0; from < userIds.length; from += USERS_PER_QUERY) {
        if (from > 0) await yieldToLoop()
        const slice = userIds.slice(from, from + USERS_PER_QUERY)
        const live = await this.options.feed().liveSessions(slice, now)
        for (const userId of slice) for (const subscriber of byUser.get(userId)!) if (!live.has(subscriber.sessionId!)) ended.push(subscriber)
      }
      const ending = new Set(ended)
      const scoped = adminScope.filter((subscriber) => !ending.has(subscriber))
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
