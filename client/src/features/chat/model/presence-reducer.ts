// Who is there: the presence of the people this user shares a conversation with, from the snapshot
// endpoint and the stream's `presence` events. Pure. Presence events are ephemeral (no feed
// position), so a snapshot is ordered against them by a local counter: an answer never undoes an
// event that arrived after it was asked.
import type { PresenceData, PresenceStatus } from '@payload-chat/server/protocol'

export interface PresenceEntry {
  status: PresenceStatus
  lastSeen: string | null
  seq: number // the counter when this was learnt
}

export interface PresenceState {
  seq: number // counts events
  byUser: Record<number, PresenceEntry>
}

export type PresenceAction =
  | { type: 'event'; presence: PresenceData }
  // `askedAt`: `seq` when the snapshot was asked.
  | { type: 'snapshot'; presence: PresenceData[]; askedAt: number }

export const initialPresence: PresenceState = { seq: 0, byUser: {} }

export function presenceReducer(state: PresenceState, action: PresenceAction): PresenceState {
  switch (action.type) {
    case 'event': {
      const seq = state.seq + 1
      const { user, status, lastSeen } = action.presence
      return { seq, byUser: { ...state.byUser, [user]: { status, lastSeen, seq } } }
    }
    case 'snapshot': {
      const byUser = { ...state.byUser }
      for (const { user, status, lastSeen } of action.presence) {
        if ((byUser[user]?.seq ?? -1) > action.askedAt) continue // an event after the question wins
        byUser[user] = { status, lastSeen, seq: action.askedAt }
      }
      return { ...state, byUser }
    }
  }
}

const MINUTE = 60_000

// "last seen 5 min ago", "… 3 h ago", or the date: short, for a dot's label.
export function lastSeenLabel(lastSeen: string, now: Date, locale?: string): string {
  const ago = now.getTime() - new Date(lastSeen).getTime()
  if (ago < MINUTE) return 'last seen just now'
  if (ago < 60 * MINUTE) return `last seen ${Math.floor(ago / MINUTE)} min ago`
  if (ago < 24 * 60 * MINUTE) return `last seen ${Math.floor(ago / (60 * MINUTE))} h ago`
  return `last seen ${new Date(lastSeen).toLocaleDateString(locale, { month: 'short', day: 'numeric' })}`
}

// What a dot says, in words: "online", "away", "offline, last seen 5 min ago"; an unknown user
// (no snapshot yet, or someone you share nothing with) is "offline".
export function presenceLabel(entry: PresenceEntry | undefined, now: Date, locale?: string): string {
  if (!entry || entry.status === 'offline') {
    return entry?.lastSeen ? `offline, ${lastSeenLabel(entry.lastSeen, now, locale)}` : 'offline'
  }
  return entry.status
}
