// The presence state machine of one process, with an injected clock (unit-tested without waiting).
// Per user: their login sessions with open streams and an away flag. Online while any session with
// streams is not away; away while every one is; when the last stream closes the status holds for
// the grace period (a reload or a blip does not flicker), then offline. `lastSeen` is when they
// were last there: now while online or away, the moment the last stream closed once offline.
import type { PresenceData, PresenceStatus, TypingData } from '../protocol'
import type { PresenceStore } from './presence-store'

export interface PresenceClock {
  now(): number
  // A timer that does not keep the process alive.
  setTimeout(run: () => void, ms: number): unknown
  clearTimeout(timer: unknown): void
}

export const systemClock: PresenceClock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms).unref(),
  clearTimeout: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
}

interface Session {
  streams: number
  away: boolean
}

interface UserPresence {
  sessions: Map<string, Session>
  status: PresenceStatus
  // When they were last there (ms); null if never since the process started.
  lastSeen: number | null
  offlineTimer: unknown
}

// A session's away flag may be set before its stream opens (a tab hidden while loading); at most
// this many such sessions per user are remembered, so calls without streams cannot grow memory.
const MAX_IDLE_SESSIONS = 8

export class InProcessPresence implements PresenceStore {
  // One entry per user seen since the process started, never trimmed: an offline entry keeps the
  // `lastSeen` the snapshot reports. Bounded by the users table (only logged-in users get one; an
  // entry is a few sessions at most, MAX_IDLE_SESSIONS without streams): a few hundred bytes a
  // user, a few MB for 10,000. The shared store of #16 replaces this map.
  private readonly users = new Map<number, UserPresence>()
  private readonly listeners = new Set<(change: PresenceData) => void>()
  private readonly typingListeners = new Set<(data: TypingData) => void>()

  constructor(
    private readonly graceMs: number,
    private readonly clock: PresenceClock = systemClock,
  ) {}

  streamOpened(userId: number, sessionId: string | undefined): void {
    const session = this.session(userId, sessionId)
    session.streams += 1
    this.update(userId)
  }

  streamClosed(userId: number, sessionId: string | undefined): void {
    const user = this.users.get(userId)
    const key = sessionId ?? ''
    const session = user?.sessions.get(key)
    if (!user || !session || session.streams === 0) return
    session.streams -= 1
    // A session without streams is forgotten, away flag included: its next stream starts visible
    // until its browser says otherwise.
    if (session.streams === 0) user.sessions.delete(key)
    this.update(userId)
  }

  setAway(userId: number, sessionId: string | undefined, away: boolean): void {
    const user = this.users.get(userId)
    const existing = user?.sessions.get(sessionId ?? '')
    if (!existing && user && [...user.sessions.values()].filter((s) => s.streams === 0).length >= MAX_IDLE_SESSIONS) return
    const session = existing ?? this.session(userId, sessionId)
    session.away = away
    this.update(userId)
  }

  async snapshot(userIds: ReadonlyArray<number>): Promise<PresenceData[]> {
    return userIds.map((id) => this.dataOf(id, this.users.get(id)))
  }

  subscribe(listener: (change: PresenceData) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  // One process alone: its own listeners are every process's.
  async sendTyping(data: TypingData): Promise<void> {
    for (const listener of this.typingListeners) listener(data)
  }

  subscribeTyping(listener: (data: TypingData) => void): () => void {
    this.typingListeners.add(listener)
    return () => this.typingListeners.delete(listener)
  }

  wake(): void {}

  // For the shared store (./presence-shared.ts), which runs this state machine on what every
  // process holds: the user's sessions with a stream on any live process (replacing what was
  // known), and when they were last there (the database's record) should none be left.
  apply(userId: number, sessions: ReadonlyArray<{ away: boolean }>, seenAt: number | null): void {
    const user = this.entry(userId)
    user.sessions = new Map(sessions.map((session, i) => [String(i), { streams: 1, away: session.away }]))
    this.update(userId, seenAt)
  }

  // Whether this user's state is known here (else the shared store asks the database first).
  knows(userId: number): boolean {
    return this.users.has(userId)
  }

  private entry(userId: number): UserPresence {
    let user = this.users.get(userId)
    if (!user) this.users.set(userId, (user = { sessions: new Map(), status: 'offline', lastSeen: null, offlineTimer: undefined }))
    return user
  }

  private session(userId: number, sessionId: string | undefined): Session {
    const user = this.entry(userId)
    const key = sessionId ?? ''
    let session = user.sessions.get(key)
    if (!session) user.sessions.set(key, (session = { streams: 0, away: false }))
    return session
  }

  // Recomputes a user's status from their sessions; a change is announced. `goneAt`: when they
  // were last there if no session is left (default: now).
  private update(userId: number, goneAt: number | null = null): void {
    const user = this.users.get(userId)
    if (!user) return
    const open = [...user.sessions.values()].filter((session) => session.streams > 0)
    if (open.length === 0) {
      if (user.status === 'offline') {
        // Already offline (the shared store's first look at someone long gone): since when.
        if (goneAt !== null) user.lastSeen = goneAt
        return
      }
      // Gone: offline once the grace period since then has passed, unless a stream comes back first.
      if (user.offlineTimer === undefined) {
        user.lastSeen = goneAt ?? this.clock.now()
        user.offlineTimer = this.clock.setTimeout(
          () => {
            user.offlineTimer = undefined
            this.change(userId, user, 'offline')
          },
          Math.max(0, user.lastSeen + this.graceMs - this.clock.now()),
        )
      }
      return
    }
    if (user.offlineTimer !== undefined) {
      this.clock.clearTimeout(user.offlineTimer)
      user.offlineTimer = undefined
    }
    user.lastSeen = this.clock.now()
    this.change(userId, user, open.some((session) => !session.away) ? 'online' : 'away')
  }

  private change(userId: number, user: UserPresence, status: PresenceStatus): void {
    if (user.status === status) return
    user.status = status
    const data = this.dataOf(userId, user)
    for (const listener of this.listeners) listener(data)
  }

  private dataOf(userId: number, user: UserPresence | undefined): PresenceData {
    if (!user) return { user: userId, status: 'offline', lastSeen: null }
    const seen = user.status === 'offline' ? user.lastSeen : this.clock.now()
    return { user: userId, status: user.status, lastSeen: seen === null ? null : new Date(seen).toISOString() }
  }
}
