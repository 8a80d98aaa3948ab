// What several server processes on one database need from it, besides the change feed: the
// database is the broker (docs/scaling.md), never the cluster primary, so the same code serves
// workers on one machine and instances on one PostgreSQL. The SQLite implementation is in
// ./sqlite/cross-process.ts; a PostgreSQL one implements the same interface (LISTEN/NOTIFY as the
// commit signal) and nothing in auth/ or realtime/ changes.

// A change to a user's access that every process must apply: `sessions` logged out (those
// sessions end), `user` lost every session (logout everywhere, password reset, deletion), `changed`
// (role, name or password changed: remembered logins are looked up afresh). `id` only grows in
// commit order, so a process follows them by cursor like the feed.
export type AccessChange = { kind: 'sessions'; userId: string; sessionIds: string[] } | { kind: 'user' | 'changed'; userId: string }

export type Revocation = AccessChange & { id: number }

// What another process's commit may have changed, i.e. which follower has something to read: the
// feed's poller, the revocation follower, the presence follower.
export const COMMIT_KINDS = ['feed', 'revocation', 'presence'] as const
export type CommitKind = (typeof COMMIT_KINDS)[number]

export interface CrossProcess {
  // Calls `onCommit(kind)` soon (every `everyMs` at most per kind) after another process committed
  // a write of that kind; a signal that cannot tell kinds apart (SQLite's data_version, a LISTEN
  // connection back from a reconnect) calls it for every kind. A hint only: whoever is woken
  // reads its own source of truth. Returns a stop function.
  watchCommits(onCommit: (kind: CommitKind) => void, everyMs: number): () => void
  // Records a change of access for every process (this one included).
  revoke(change: AccessChange): Promise<void>
  // The id of the latest revocation (0 for none).
  latestRevocation(): Promise<number>
  // Revocations after `cursor`, in id order.
  revocationsAfter(cursor: number): Promise<Revocation[]>
  // Deletes revocations older than `olderThanMs` (they no longer decide anything); returns how many.
  pruneRevocations(olderThanMs: number): Promise<number>
}

// A stored revocation row (either dialect) as the follower takes it.
export function toRevocation(row: Record<string, unknown>): Revocation {
  const [id, userId] = [Number(row.id), String(row.user_id)]
  if (row.kind === 'sessions') return { id, kind: 'sessions', userId, sessionIds: JSON.parse(String(row.session_ids)) as string[] }
  return { id, kind: row.kind === 'user' ? 'user' : 'changed', userId }
}
