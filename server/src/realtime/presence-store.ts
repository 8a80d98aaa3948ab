// Who is online, away or offline: the presence of users as their streams open and close and
// their browsers say they are hidden, and who is typing. Behind an interface: the runtime uses
// SharedPresence (./presence-shared.ts), one presence for every process on the database;
// InProcessPresence (./presence-state.ts) is the state machine it runs, a store of one process alone.
import type { PresenceData, TypingData } from '../protocol'

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
  // A typing notice the endpoint checked, for the listeners of every process (each delivers it to
  // its own streams). Ephemeral: never in the change feed.
  sendTyping(data: TypingData): Promise<void>
  subscribeTyping(listener: (data: TypingData) => void): () => void
  // Something was committed by another process (the commit signal): read what changed.
  wake(): void
}
