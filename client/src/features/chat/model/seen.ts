// "Seen" in a DM: under your last message the other person has read (its id at or below their read
// position). Rooms show none: with many readers a single mark would say little, and a per-reader
// list would tell everyone when each member reads, which a member may not want to share.
import type { ChatItem } from './types'

export function seenMessageId(items: ChatItem[], me: number, peerLastReadId: number): number | null {
  for (let i = items.length - 1; i >= 0; i--) {
    const { id, senderId, status } = items[i]
    if (id !== null && senderId === me && status === 'confirmed' && id <= peerLastReadId) return id
  }
  return null
}
