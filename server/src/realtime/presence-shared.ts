// Presence and typing shared by every server process on the database (docs/scaling.md, "Presence
// and typing"): the PresenceStore the runtime uses. This process writes what its own streams
// change (a login session's first stream opened here, its last closed, an away flag) to the
// database in one batched transaction per flush, and marks itself alive every heartbeat (one
// statement, however many users). Every process follows the events those writes add (woken by the
// commit signal, and at every heartbeat), reads the changed users' sessions on every live process
// in one query, and runs the status state machine (./presence-state.ts: grace period, away,
// lastSeen) on them: each process then pushes a change to its own streams only, so a stream gets
// each change once. A process not heard of for PRESENCE_EXPIRY_MS is dead: its sessions stop
// counting at once, and the next heartbeat of a process with streams reaps them (telling every
// process). Typing notices go through the same events. A process with no stream open does
// nothing in the background (it pushes nothing): it catches up before answering a snapshot.
import { randomUUID } from 'node:crypto'

import type { PresenceEvent, SessionKey, SharedPresenceDb } from '../db/presence-store'
import type { PresenceData, TypingData } from '../protocol'
import { InProcessPresence, type PresenceClock, systemClock } from './presence-state'
import type { PresenceStore } from './presence-store'

// Events are read this many at a time; pruned once older than a minute (nothing replays them).
const READ_BATCH = 500
const KEEP_EVENTS_MS = 60_000

export interface SharedPresenceOptions {
  db: () => SharedPresenceDb
  graceMs: number
  heartbeatMs: number
  expiryMs: number
  logError: (error: unknown, message: string) => void
  clock?: PresenceClock
}

const keyOf = (userId: number, sessionId: string | undefined) => `${userId}\t${sessionId ?? ''}`
const sessionOf = (key: string): SessionKey => {
  const [userId, sessionId] = key.split('\t') as [string, string]
  return { userId: Number(userId), sessionId }
}

export class SharedPresence implements PresenceStore {
  // Who this process is in `presence_processes` (a restart is a new process).
  readonly processId = `${process.pid}-${randomUUID()}`
  private readonly state: InProcessPresence
  // This process's open streams per login session.
  private readonly local = new Map<string, number>()
  // What the next flush writes: sessions whose first stream opened or last closed here (the
  // latest wins), and away flags (per session, the latest wins) with when they were said: the
  // database keeps a flag only if none said later is stored (from any process).
  private readonly toWrite = new Map<string, 'opened' | 'closed'>()
  private readonly awayFlags = new Map<string, { away: boolean; at: number }>()
  private flushing: Promise<void> | null = null
  private flushAgain = false
  private cursor: Promise<number>
  private reading: Promise<void> | null = null
  private readAgain = false
  // Read passes begun and finished (a pass reads everything committed before it began), and who
  // waits for which pass: a snapshot waits for one pass begun after it was asked, not for the
  // reader to be idle, which a steady stream of commit signals may never let it be.
  private passesStarted = 0
  private passesDone = 0
  private passWaiters: Array<{ pass: number; resolve: () => void }> = []
  private readonly typingListeners = new Set<(data: TypingData) => void>()
  // Beats while this process holds sessions or has something left to write.
  private timer: ReturnType<typeof setInterval> | undefined

  constructor(private readonly options: SharedPresenceOptions) {
    this.state = new InProcessPresence(options.graceMs, options.clock ?? systemClock)
    // Whatever happened before this process started is read from the rows when asked (snapshot).
    this.cursor = options.db().latestEvent()
    this.cursor.catch((error) => options.logError(error, 'reading the latest presence event failed'))
  }

  streamOpened(userId: number, sessionId: string | undefined): void {
    const key = keyOf(userId, sessionId)
    const streams = (this.local.get(key) ?? 0) + 1
    this.local.set(key, streams)
    // A second tab of a session already written here changes no row. A new stream starts visible
    // until its browser says otherwise (a flag said after this one).
    if (streams === 1) {
      this.awayFlags.set(key, { away: false, at: Date.now() })
      this.queue(key, 'opened')
    }
  }

  streamClosed(userId: number, sessionId: string | undefined): void {
    const key = keyOf(userId, sessionId)
    const streams = this.local.get(key) ?? 0
    if (streams === 0) return
    if (streams > 1) return void this.local.set(key, streams - 1)
    this.local.delete(key)
    this.queue(key, 'closed')
  }

  setAway(userId: number, sessionId: string | undefined, away: boolean): void {
    this.awayFlags.set(keyOf(userId, sessionId), { away, at: Date.now() })
    this.flushSoon()
  }

  async snapshot(userIds: ReadonlyArray<number>): Promise<PresenceData[]> {
    // Up to date even without a commit signal (FEED_WAKE_CHECK_MS=0) or a stream here.
    const pass = this.passesStarted + 1
    this.wake()
    if (this.passesDone < pass) await new Promise<void>((resolve) => this.passWaiters.push({ pass, resolve }))
    const unknown = userIds.filter((id) => !this.state.knows(id))
    if (unknown.length > 0) {
      for (const user of await this.options.db().sessionsOf(unknown, this.options.expiryMs)) {
        // The follower may have learnt of them meanwhile, from a newer read.
        if (!this.state.knows(user.userId)) this.state.apply(user.userId, user.sessions, user.seenAt)
      }
    }
    return this.state.snapshot(userIds)
  }

  subscribe(listener: (change: PresenceData) => void): () => void {
    return this.state.subscribe(listener)
  }

  async sendTyping(data: TypingData): Promise<void> {
    await this.options.db().typing(data.user, JSON.stringify(data))
    this.wake()
    // At least one beat after it, which prunes old events even where no stream is open.
    this.beatFromNow()
  }

  subscribeTyping(listener: (data: TypingData) => void): () => void {
    this.typingListeners.add(listener)
    return () => this.typingListeners.delete(listener)
  }

  // Another process committed something (the commit signal): read what is new.
  wake(): void {
    if (this.reading) {
      this.readAgain = true
      return
    }
    this.reading = this.read().finally(() => {
      this.reading = null
      // Woken between the last read and now.
      if (this.readAgain) this.wake()
    })
  }

  private queue(key: string, change: 'opened' | 'closed'): void {
    this.toWrite.set(key, change)
    this.flushSoon()
  }

  private beatFromNow(): void {
    if (this.timer) return
    this.timer = setInterval(() => void this.beat(), this.options.heartbeatMs)
    this.timer.unref()
  }

  // A flush in flight counts: if it fails, its changes are back in toWrite for a beat to retry.
  private get busy(): boolean {
    return this.local.size > 0 || this.toWrite.size > 0 || this.awayFlags.size > 0 || this.flushing !== null
  }

  // One flush at a time; what is queued during it goes in the next, so a burst of streams (a
  // reconnect storm) is a few transactions, not one per stream.
  private flushSoon(): void {
    this.beatFromNow()
    if (this.flushing) {
      this.flushAgain = true
      return
    }
    this.flushing = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.flush())
  }

  private async flush(): Promise<void> {
    try {
      do {
        this.flushAgain = false
        const changes = [...this.toWrite]
        this.toWrite.clear()
        const flags = [...this.awayFlags].map(([key, flag]) => ({ key, flag }))
        if (changes.length === 0 && flags.length === 0) continue
        try {
          const now = Date.now()
          await this.options.db().write(this.processId, {
            opened: changes.filter(([, change]) => change === 'opened').map(([key]) => sessionOf(key)),
            closed: changes.filter(([, change]) => change === 'closed').map(([key]) => sessionOf(key)),
            away: flags.map(({ key, flag }) => ({ ...sessionOf(key), away: flag.away, ageMs: now - flag.at })),
          })
          // Written (or older than a stored one); a newer flag queued meanwhile stays.
          for (const { key, flag } of flags) if (this.awayFlags.get(key) === flag) this.awayFlags.delete(key)
        } catch (error) {
          // Not lost: the rows are written again at the next heartbeat's check (below).
          for (const [key, change] of changes) if (!this.toWrite.has(key)) this.toWrite.set(key, change)
          this.options.logError(error, 'writing presence failed')
          // A beat that ran meanwhile may have stopped the timer; the retry needs it.
          this.beatFromNow()
          return
        }
        this.wake()
      } while (this.flushAgain)
    } finally {
      this.flushing = null
    }
  }

  // Alive; anything left to write (a failed flush) is tried again; dead processes are reaped; and what others wrote is read even without a commit signal.
  private async beat(): Promise<void> {
    const { db, expiryMs, logError } = this.options
    try {
      if (!(await db().beat(this.processId))) {
        // Taken for dead (a stall longer than the expiry): write every session again.
        for (const key of this.local.keys()) this.toWrite.set(key, 'opened')
      }
      if (this.toWrite.size > 0 || this.awayFlags.size > 0) this.flushSoon()
      await db().reap(expiryMs, KEEP_EVENTS_MS)
    } catch (error) {
      logError(error, 'the presence heartbeat failed')
    }
    this.wake()
    if (!this.busy) {
      clearInterval(this.timer)
      this.timer = undefined
    }
  }

  private async read(): Promise<void> {
    try {
      let cursor = await this.cursor
      do {
        this.readAgain = false
        this.passesStarted++
        for (let full = true; full; ) {
          const events = await this.options.db().eventsAfter(cursor, READ_BATCH)
          if (events.length > 0) await this.apply(events)
          cursor = events.at(-1)?.id ?? cursor
          this.cursor = Promise.resolve(cursor)
          full = events.length === READ_BATCH
        }
        this.passDone(this.passesStarted)
      } while (this.readAgain)
    } catch (error) {
      this.options.logError(error, 'reading presence events failed')
      // A failed read lets every waiting snapshot answer from what is known rather than hang.
      this.passDone(this.passesStarted, true)
    }
  }

  private passDone(pass: number, all = false): void {
    this.passesDone = Math.max(this.passesDone, pass)
    const ready = this.passWaiters.filter((waiter) => all || waiter.pass <= this.passesDone)
    this.passWaiters = this.passWaiters.filter((waiter) => !ready.includes(waiter))
    for (const waiter of ready) waiter.resolve()
  }

  private async apply(events: PresenceEvent[]): Promise<void> {
    const users = [...new Set(events.filter((event) => event.kind === 'presence').map((event) => event.userId))]
    for (const user of await this.options.db().sessionsOf(users, this.options.expiryMs)) {
      this.state.apply(user.userId, user.sessions, user.seenAt)
    }
    for (const event of events) {
      if (event.kind !== 'typing') continue
      const data = JSON.parse(event.data) as TypingData
      for (const listener of this.typingListeners) {
        try {
          listener(data)
        } catch (error) {
          this.options.logError(error, 'a typing listener failed')
        }
      }
    }
  }
}
