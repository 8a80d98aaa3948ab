// Unread counting of one conversation (with a person or a room), pure and shared by the people
// and rooms lists. It stays right under at-least-once delivery: the server's count covers messages
// up to `baseUpTo`, live messages after that are counted by id, so a replayed event counts once.
export interface ReadCounts {
  unreadBase: number
  baseUpTo: number
  unreadLive: number[]
  lastReadId: number
}

export const noReadCounts: ReadCounts = { unreadBase: 0, baseUpTo: 0, unreadLive: [], lastReadId: 0 }

export const unreadOf = (counts: ReadCounts): number => counts.unreadBase + counts.unreadLive.length

// Whether a live message `id` is one more unread (not yet counted by the server or live).
export const countsAsNew = (counts: ReadCounts, id: number): boolean =>
  id > counts.baseUpTo && id > counts.lastReadId && !counts.unreadLive.includes(id)

// The server's snapshot: `unread` messages up to `upTo`, read up to `lastReadId`; live arrivals
// the snapshot did not include yet are kept.
export function fromSnapshot<C extends ReadCounts>(previous: C | undefined, unread: number, upTo: number, lastReadId: number): ReadCounts {
  return {
    unreadBase: unread,
    baseUpTo: upTo,
    lastReadId,
    unreadLive: (previous?.unreadLive ?? []).filter((id) => id > upTo && id > lastReadId),
  }
}

// Read up to `upTo`: returns the same object when nothing changes, so effects that depend on it do
// not run again.
export function readUpTo<C extends ReadCounts>(counts: C, upTo: number): C {
  if (upTo <= counts.lastReadId && unreadOf(counts) === 0) return counts
  const lastReadId = Math.max(counts.lastReadId, upTo)
  const unreadBase = upTo >= counts.baseUpTo ? 0 : counts.unreadBase
  const unreadLive = counts.unreadLive.filter((id) => id > upTo)
  if (lastReadId === counts.lastReadId && unreadBase === counts.unreadBase && unreadLive.length === counts.unreadLive.length) {
    return counts
  }
  return { ...counts, lastReadId, unreadBase, unreadLive }
}

// Where to mark an open conversation read, or null when it is read already. `newestId` is its
// newest message on screen. The open conversation always holds its newest messages, so a server
// count that reaches past it (`baseUpTo`) only counts messages deleted since: reading covers them too.
export function readMarkFor(counts: ReadCounts, newestId: number | null): number | null {
  const upTo = Math.max(newestId ?? 0, counts.baseUpTo)
  if (upTo === 0 || (upTo <= counts.lastReadId && unreadOf(counts) === 0)) return null
  return upTo
}
