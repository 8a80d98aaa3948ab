// Presence and typing shared by every server process on one database (docs/scaling.md, "Presence
// and typing"). The SQLite implementation is ./sqlite/presence-store.ts, the PostgreSQL one
// ./postgres/presence-store.ts (migrations `shared_presence` of each adapter create the tables):
// - `presence_processes`: one row per live process and its last heartbeat (one row a beat, however
//   many users it holds). A process not heard of for the expiry is dead: its sessions are reaped.
// - `presence_sessions`: one row per (process, user, login session) while that process holds a
//   stream of the session.
// - `presence_away`: each login session's away flag and when it was said (the latest wins), apart
//   from the rows so that a flag said before its stream's row is written, or across a stall's
//   re-write, is kept; pruned once old and without rows.
// - `presence_seen`: when each user was last there (their last row went away), for `lastSeen`.
// - `presence_events`: what the other processes follow by id (woken by the commit signal): a
//   `presence` row says "this user's rows changed: recompute them", a `typing` row carries a
//   typing notice. Ids only grow in commit order. Pruned after a minute: nothing replays them.

export interface SessionKey {
  userId: number
  // '' for a stream without a login session id.
  sessionId: string
}

export interface PresenceWrite {
  // This process's first stream of these sessions opened (or is written again after a stall): a row.
  opened: SessionKey[]
  // This process's last stream of these sessions closed: the row goes, the user was seen now.
  closed: SessionKey[]
  // The browser of these sessions is hidden (away) or visible, as said `ageMs` ago (a stream
  // opening says visible): kept per session, whatever process holds its rows or will, and only
  // if no flag said later is stored already, so the latest flag wins across processes and retries.
  away: Array<SessionKey & { away: boolean; ageMs: number }>
}

export type PresenceEvent =
  | { id: number; kind: 'presence'; userId: number }
  // `data` is the typing notice as the endpoint checked it (JSON of protocol's TypingData).
  | { id: number; kind: 'typing'; userId: number; data: string }

// A user's sessions on every live process, and when they were last there (ms; null if never).
export interface UserSessions {
  userId: number
  sessions: Array<{ away: boolean }>
  seenAt: number | null
}

export interface SharedPresenceDb {
  // One transaction: this process is alive, the rows, and one `presence` event per user whose
  // rows changed (a flag older than the stored one changes nothing). Returns, in `away` order,
  // whether the flag was stored.
  write(processId: string, change: PresenceWrite): Promise<boolean[]>
  // One statement: this process is alive now. False when its row is gone (a reaper took it for
  // dead after a long stall): it must write its sessions again.
  beat(processId: string): Promise<boolean>
  // Deletes the sessions of processes not heard of for `expiryMs` (they died), with a `presence`
  // event for each of their users; prunes events older than `keepMs`. One read when there is
  // nothing to do.
  reap(expiryMs: number, keepMs: number): Promise<void>
  // Records a typing notice for every process.
  typing(userId: number, data: string): Promise<void>
  // The id of the latest event (0 for none), and the events after `cursor`, in id order.
  latestEvent(): Promise<number>
  eventsAfter(cursor: number, limit: number): Promise<PresenceEvent[]>
  // The live sessions (their process marked within `expiryMs`) and last-seen time of these users.
  sessionsOf(userIds: ReadonlyArray<number>, expiryMs: number): Promise<UserSessions[]>
}

// A stored event row (either dialect) as the follower takes it.
export function toPresenceEvent(row: Record<string, unknown>): PresenceEvent {
  const [id, userId] = [Number(row.id), Number(row.user_id)]
  if (row.kind === 'typing') return { id, kind: 'typing', userId, data: String(row.data) }
  return { id, kind: 'presence', userId }
}

// Stored session rows (with `live`: their process was heard of within the expiry, and its
// `heartbeat`) and last-seen rows (either dialect) grouped by user, in `userIds` order. A session
// of a dead process not reaped yet counts as gone, last seen at that process's last heartbeat.
export function toUserSessions(
  userIds: ReadonlyArray<number>,
  sessionRows: ReadonlyArray<Record<string, unknown>>,
  seenRows: ReadonlyArray<Record<string, unknown>>,
): UserSessions[] {
  const byUser = new Map<number, UserSessions>(userIds.map((userId) => [userId, { userId, sessions: [], seenAt: null }]))
  const seen = (entry: UserSessions | undefined, at: unknown) => {
    if (entry && at !== null && at !== undefined) entry.seenAt = Math.max(entry.seenAt ?? 0, Number(at))
  }
  for (const row of sessionRows) {
    const entry = byUser.get(Number(row.user_id))
    if (Number(row.live)) entry?.sessions.push({ away: Boolean(Number(row.away)) })
    else seen(entry, row.heartbeat)
  }
  for (const row of seenRows) seen(byUser.get(Number(row.user_id)), row.seen_at)
  return [...byUser.values()]
}
