// What the live view shows, as a pure function of the admin-scope stream's events: the messages
// seen since the view opened, newest first, each marked when it is edited or removed. Kept apart
// from React so it is tested on its own (live-model.test.ts).
import type { RemovedBy, ReportChange, StreamEventData, StreamMessage } from '../../protocol'

// Enough for a moderator to scroll back through; older ones drop off the bottom.
export const MAX_SHOWN = 300

export interface LiveItem {
  message: StreamMessage
  // Set once the message is removed: by its sender or by a moderator.
  removedBy: RemovedBy | null
}

export type LiveEvent =
  | { type: 'message.created'; data: StreamEventData['message.created'] }
  | { type: 'message.updated'; data: StreamEventData['message.updated'] }
  | { type: 'message.deleted'; data: StreamEventData['message.deleted'] }
  | { type: 'message.reactions'; data: StreamEventData['message.reactions'] }

export const LIVE_EVENTS = ['message.created', 'message.updated', 'message.deleted', 'message.reactions'] as const

export function applyLiveEvent(items: readonly LiveItem[], event: LiveEvent): LiveItem[] {
  const at = items.findIndex((item) => item.message.id === event.data.id)
  switch (event.type) {
    case 'message.created':
    case 'message.updated': {
      // An edit of a message written before the view opened is news too: it goes on top.
      if (at < 0) return [{ message: event.data, removedBy: null }, ...items].slice(0, MAX_SHOWN)
      const next = [...items]
      next[at] = { ...next[at], message: event.data }
      return next
    }
    case 'message.deleted': {
      // A removal of a message never shown has nothing to show.
      if (at < 0) return [...items]
      const next = [...items]
      next[at] = { ...next[at], removedBy: event.data.by }
      return next
    }
    case 'message.reactions': {
      // Reactions are no news of their own: a shown message's are kept current, in place.
      if (at < 0) return [...items]
      const next = [...items]
      next[at] = { ...next[at], message: { ...next[at].message, reactions: event.data.reactions } }
      return next
    }
  }
}

// "#room" for a room message, "Alice → Bob" for a DM.
export const conversationOf = (message: StreamMessage): string =>
  message.room ? `#${message.room.name}` : `${message.sender.name} → ${message.receiver?.name ?? '?'}`

export interface LiveFilter {
  // A user id: messages they sent or received.
  person: number | null
  // A room id, 'dm' for direct messages only, or null for all.
  room: number | 'dm' | null
}

export const matchesFilter = ({ message }: LiveItem, { person, room }: LiveFilter): boolean =>
  (person === null || message.sender.id === person || message.receiver?.id === person) &&
  (room === null || (room === 'dm' ? message.room === null : message.room?.id === room))

// The people and rooms of what is shown, for the filters' choices (sorted by name).
export function choicesOf(items: readonly LiveItem[]) {
  const people = new Map<number, string>()
  const rooms = new Map<number, string>()
  for (const { message } of items) {
    people.set(message.sender.id, message.sender.name)
    if (message.receiver) people.set(message.receiver.id, message.receiver.name)
    if (message.room) rooms.set(message.room.id, message.room.name)
  }
  const sorted = (map: Map<number, string>) => [...map].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name))
  return { people: sorted(people), rooms: sorted(rooms) }
}

// The open reports of each message, from report.changed (seen since the view opened): message id
// to report ids. A message whose reports are all resolved drops out.
export type OpenReports = ReadonlyMap<number, ReadonlySet<number>>

export function applyReportChange(open: OpenReports, change: ReportChange): OpenReports {
  if (change.message === null) return open
  const next = new Map(open)
  const ids = new Set(open.get(change.message))
  if (change.status === 'open') ids.add(change.id)
  else ids.delete(change.id)
  if (ids.size > 0) next.set(change.message, ids)
  else next.delete(change.message)
  return next
}
