// The people list (the sidebar): every user, with the summary of the conversation with them (its
// last message and unread count, counted by read-state.ts).
import { countsAsNew, fromSnapshot, noReadCounts, readUpTo, unreadOf, type ReadCounts } from './read-state'
import { peerOf, type ConversationSummary, type DeletedMessage, type Message, type UserRef } from './types'

export { readMarkFor, unreadOf } from './read-state'

export interface PersonEntry extends ReadCounts {
  user: UserRef
  lastMessage: Message | null
  lastRemoved: boolean // the last message was deleted: show that instead of stale text
  peerLastReadId: number // how far they have read your messages ("Seen"); only moves forward
}

export interface PeopleState {
  me: number
  byId: Record<number, PersonEntry>
}

export type PeopleAction =
  | { type: 'loaded'; users: UserRef[]; summaries: ConversationSummary[] }
  | { type: 'created'; message: Message; openPeer: number | null }
  | { type: 'updated'; message: Message }
  | { type: 'deleted'; event: DeletedMessage }
  | { type: 'read'; peer: number; upTo: number }
  | { type: 'peer-read'; peer: number; lastReadId: number } // the stream's `read` event
  | { type: 'renamed'; user: UserRef } // someone's name as now known (your own profile's change)

export const initialPeople = (me: number): PeopleState => ({ me, byId: {} })

const emptyEntry = (user: UserRef): PersonEntry => ({ user, lastMessage: null, lastRemoved: false, peerLastReadId: 0, ...noReadCounts })

// A message names its sides as they are called now: a rename shows when they next write.
function withEntry(state: PeopleState, peer: UserRef, change: (entry: PersonEntry) => PersonEntry): PeopleState {
  const known = state.byId[peer.id]
  const current = !known ? emptyEntry(peer) : known.user.name === peer.name ? known : { ...known, user: { ...known.user, name: peer.name } }
  const next = change(current)
  return next === (known ?? current) ? state : { ...state, byId: { ...state.byId, [peer.id]: next } }
}

export function peopleReducer(state: PeopleState, action: PeopleAction): PeopleState {
  switch (action.type) {
    case 'loaded': {
      const byId: Record<number, PersonEntry> = {}
      for (const user of action.users) byId[user.id] = { ...(state.byId[user.id] ?? emptyEntry(user)), user }
      for (const c of action.summaries) {
        byId[c.user.id] = {
          ...emptyEntry(c.user),
          lastMessage: c.lastMessage,
          // A `read` event may have overtaken the answer.
          peerLastReadId: Math.max(c.peerLastReadId ?? 0, state.byId[c.user.id]?.peerLastReadId ?? 0),
          ...fromSnapshot(state.byId[c.user.id], c.unread, c.lastMessage?.id ?? 0, c.lastReadId),
        }
      }
      return { ...state, byId }
    }
    case 'created': {
      const { message } = action
      if (!message.receiver) return state // a room message: not a conversation with a person
      const fromPeer = message.sender.id !== state.me
      const peer = fromPeer ? message.sender : message.receiver
      return withEntry(state, peer, (entry) => {
        let next = entry
        if (!entry.lastMessage || entry.lastMessage.id <= message.id) {
          next = { ...next, lastMessage: message, lastRemoved: false }
        }
        const countable = fromPeer && action.openPeer !== peer.id && countsAsNew(entry, message.id)
        return countable ? { ...next, unreadLive: [...next.unreadLive, message.id] } : next
      })
    }
    case 'updated': {
      const { message } = action
      if (!message.receiver) return state
      const peer = message.sender.id === state.me ? message.receiver : message.sender
      return withEntry(state, peer, (entry) =>
        entry.lastMessage?.id === message.id ? { ...entry, lastMessage: message } : entry,
      )
    }
    case 'deleted': {
      const { event } = action
      if (event.room) return state
      const peerId = peerOf(state.me, event.sender, event.receiver)
      const entry = peerId === null ? undefined : state.byId[peerId]
      if (peerId === null || !entry) return state
      const next: PersonEntry = {
        ...entry,
        lastRemoved: entry.lastRemoved || entry.lastMessage?.id === event.id,
        unreadLive: entry.unreadLive.filter((id) => id !== event.id),
      }
      return { ...state, byId: { ...state.byId, [peerId]: next } }
    }
    case 'renamed': {
      const entry = state.byId[action.user.id]
      if (!entry || entry.user.name === action.user.name) return state
      return { ...state, byId: { ...state.byId, [action.user.id]: { ...entry, user: { ...entry.user, name: action.user.name } } } }
    }
    case 'peer-read': {
      const entry = state.byId[action.peer]
      if (!entry || action.lastReadId <= entry.peerLastReadId) return state
      return { ...state, byId: { ...state.byId, [action.peer]: { ...entry, peerLastReadId: action.lastReadId } } }
    }
    case 'read': {
      const entry = state.byId[action.peer]
      const next = entry && readUpTo(entry, action.upTo)
      // Nothing changed: the same state, so effects that depend on it do not run again.
      return !entry || next === entry ? state : { ...state, byId: { ...state.byId, [action.peer]: next } }
    }
  }
}

const activity = (entry: PersonEntry): number => entry.lastMessage?.id ?? 0

// Latest activity first (message ids grow with time), then people never written to, by name.
export function sortedPeople(state: PeopleState, filter = ''): PersonEntry[] {
  const needle = filter.trim().toLocaleLowerCase()
  return Object.values(state.byId)
    .filter((entry) => !needle || entry.user.name.toLocaleLowerCase().includes(needle))
    .sort((a, b) => activity(b) - activity(a) || a.user.name.localeCompare(b.user.name))
}

export const totalUnread = (state: PeopleState): number =>
  Object.values(state.byId).reduce((sum, entry) => sum + unreadOf(entry), 0)
