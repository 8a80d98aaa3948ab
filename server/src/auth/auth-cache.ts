// Who a request's credentials belong to, remembered for a few seconds. Payload's JWT strategy
// loads the user (and their sessions) through a whole findByID operation on every request: at
// saturation that was a third of the write path's time (docs/performance.md).
//
// What keeps it safe:
// - an entry lives at most `ttlMs`, and never past its session's expiry;
// - changes made through this process forget at once: a user's update or deletion forgets all
//   their entries, a logout revokes its session (kept as revoked for `ttlMs`, since Payload runs
//   the logout hook before it removes the session);
// - a lookup that overlapped any such change is not stored (the generation moved on), and after a
//   logout from every session nothing of that user is stored for `ttlMs`;
// - an entry never outlives the token it was made for;
// - changes made by another server process on the database reach this one as revocation rows
//   (./revocation-follower.ts), within milliseconds when FEED_WAKE_CHECK_MS is on; changes made
//   with raw SQL (a script) take effect within `ttlMs`.
export interface CachedUser {
  id: number | string
  _sid?: string
  sessions?: Array<{ id: string; expiresAt?: string | Date | null }> | null
}

interface Entry<U> {
  user: U
  until: number
}

export class AuthCache<U extends CachedUser = CachedUser> {
  private readonly entries = new Map<string, Entry<U>>()
  private readonly keysByUser = new Map<string, Set<string>>()
  private readonly revokedSessions = new Map<string, number>()
  // Users logged out everywhere (or deleted): none of their logins is stored until then, so a
  // session that was being created meanwhile is not kept either.
  private readonly blockedUsers = new Map<string, number>()
  private generationCounter = 0

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  get enabled(): boolean {
    return this.ttlMs > 0
  }

  get size(): number {
    return this.entries.size
  }

  // Read before a lookup and hand back to set(): a lookup that overlapped a change is not kept.
  get generation(): number {
    return this.generationCounter
  }

  get(key: string): U | undefined {
    const entry = this.entries.get(key)
    if (!entry) return undefined
    if (entry.until <= this.now() || this.isRevoked(entry.user._sid)) {
      this.delete(key, entry.user)
      return undefined
    }
    return entry.user
  }

  // `tokenExpiresAt`: the credentials' own expiry, which may come before the session's.
  set(key: string, user: U, lookedUpAt: number, tokenExpiresAt = Infinity): void {
    if (!this.enabled || lookedUpAt !== this.generationCounter || this.isRevoked(user._sid)) return
    if ((this.blockedUsers.get(String(user.id)) ?? 0) > this.now()) return
    // Only session-bound logins are kept: their session's expiry bounds the entry.
    const until = Math.min(this.now() + this.ttlMs, sessionExpiry(user), tokenExpiresAt)
    if (!(until > this.now())) return
    if (this.entries.size >= this.maxEntries) this.evictOldest()
    this.entries.delete(key)
    this.entries.set(key, { user, until })
    const userKey = String(user.id)
    let keys = this.keysByUser.get(userKey)
    if (!keys) this.keysByUser.set(userKey, (keys = new Set()))
    keys.add(key)
  }

  forgetUser(id: number | string): void {
    this.generationCounter += 1
    for (const key of this.keysByUser.get(String(id)) ?? []) this.entries.delete(key)
    this.keysByUser.delete(String(id))
  }

  revokeSessions(userId: number | string, sessionIds: ReadonlyArray<string | undefined>): void {
    const until = this.now() + this.ttlMs
    for (const sid of sessionIds) if (sid) this.revokedSessions.set(sid, until)
    this.pruneRevoked()
    this.forgetUser(userId)
  }

  revokeAllSessions(userId: number | string): void {
    this.blockedUsers.set(String(userId), this.now() + this.ttlMs)
    this.pruneRevoked()
    this.forgetUser(userId)
  }

  private isRevoked(sid: string | undefined): boolean {
    if (!sid) return false
    const until = this.revokedSessions.get(sid)
    return until !== undefined && until > this.now()
  }

  private pruneRevoked(): void {
    const now = this.now()
    for (const [sid, until] of this.revokedSessions) if (until <= now) this.revokedSessions.delete(sid)
    for (const [id, until] of this.blockedUsers) if (until <= now) this.blockedUsers.delete(id)
  }

  private evictOldest(): void {
    const oldest = this.entries.keys().next()
    if (oldest.done) return
    const entry = this.entries.get(oldest.value)!
    this.delete(oldest.value, entry.user)
  }

  private delete(key: string, user: U): void {
    this.entries.delete(key)
    const keys = this.keysByUser.get(String(user.id))
    keys?.delete(key)
    if (keys?.size === 0) this.keysByUser.delete(String(user.id))
  }
}

function sessionExpiry(user: CachedUser): number {
  const session = user.sessions?.find(({ id }) => id === user._sid)
  const expiresAt = session?.expiresAt ? new Date(session.expiresAt).getTime() : NaN
  return expiresAt
}
