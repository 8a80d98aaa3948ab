// Who is online, away or offline: the presence of users as their streams open and close and
// their browsers say they are hidden. Behind an interface: this process's implementation is
// InProcessPresence (./presence-state.ts); the scale-out work (#16) adds a shared one, so a user
// whose streams are on several processes has one presence.
import type { PresenceData } from '../protocol'

export interface PresenceStore {
  // A stream of this login session opened / closed (the hub attached / released it).
  streamOpened(userId: number, sessionId: string | undefined): void
  streamClosed(userId: number, sessionId: string | undefined): void
  // This login session's browser has every tab hidden (away) or one visible (not away).
  setAway(userId: number, sessionId: string | undefined, away: boolean): void
  // The presence of these users now, in the order given.
  snapshot(userIds: ReadonlyArray<number>): Promise<PresenceData[]>
  // Called with each change of a user's status (never twice the same status in a row).
  subscribe(listener: (change: PresenceData) => void): () => void
}
