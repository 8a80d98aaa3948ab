// The people list (the sidebar): every user, with the summary of the conversation with them (its
// last message and unread count).
// Unread counts stay right under at-least-once delivery: the server's count covers messages up to
// `baseUpTo`, live messages after that are counted by id, so a replayed event counts once.
import { peerOf, type ConversationSummary, type DeletedMessage, type Message, type UserRef } from './types'

export interface PersonEntry {
  user: UserRef
  lastMessage: Message | null
  lastRemoved: boolean // the last message was deleted: show that instead of stale text
  unreadBase: number
  baseUpTo: number
  unreadLive: number[]
  lastReadId: number
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

export const initialPeople = (me: number): PeopleState => ({ me, byId: {} })

const emptyEntry = (user: UserRef): PersonEntry => ({
  user,
  lastMessage: null,
  lastRemoved: false,
  unreadBase: 0,
  baseUpTo: 0,
  unreadLive: [],
  lastReadId: 0,
})

export const unreadOf = (entry: PersonEntry): number => entry.unreadBase + entry.unreadLive.length

function withEntry(state: PeopleState, peer: UserRef, change: (entry: PersonEntry) => PersonEntry): PeopleState {
  const current = state.byId[peer.id] ?? emptyEntry(peer)
  const next = change(current)
  return next === current ? state : { ...state, byId: { ...state.byId, [peer.id]: next } }
}

export function peopleReducer(state: PeopleState, action: PeopleAction): PeopleState {
  switch (action.type) {
    case 'loaded': {
      const byId: Record<number, PersonEntry> = {}
      for (const user of action.users) byId[user.id] = { ...(state.byId[user.id] ?? emptyEntry(user)), user }
      for (const c of action.summaries) {
        const lastId = c.lastMessage?.id ?? 0
        byId[c.user.id] = {
          ...emptyEntry(c.user),
          lastMessage: c.lastMessage,
          unreadBase: c.unread,
          baseUpTo: lastId,
          lastReadId: c.lastReadId,
          // keep live arrivals the snapshot did not include yet
          unreadLive: (state.byId[c.user.id]?.unreadLive ?? []).filter((id) => id > lastId && id > c.lastReadId),
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
        const countable =
          fromPeer &&
          action.openPeer !== peer.id &&
          message.id > entry.baseUpTo &&
          message.id > entry.lastReadId &&
          !entry.unreadLive.includes(message.id)
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
    case 'read': {
      const entry = state.byId[action.peer]
      if (!entry || (action.upTo <= entry.lastReadId && unreadOf(entry) === 0)) return state
      const lastReadId = Math.max(entry.lastReadId, action.upTo)
      const unreadBase = action.upTo >= entry.baseUpTo ? 0 : entry.unreadBase
      const unreadLive = entry.unreadLive.filter((id) => id > action.upTo)
      // Nothing changed: the same state, so effects that depend on it do not run again.
      if (lastReadId === entry.lastReadId && unreadBase === entry.unreadBase && unreadLive.length === entry.unreadLive.length) {
        return state
      }
      return { ...state, byId: { ...state.byId, [action.peer]: { ...entry, lastReadId, unreadBase, unreadLive } } }
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

// Where to mark an open conversation read, or null when it is read already. `newestId` is its
// newest message on screen. The open conversation always holds its newest messages, so a server count
// that reaches past it (`baseUpTo`) only counts messages deleted since: reading covers them too.
export function readMarkFor(entry: PersonEntry, newestId: number | null): number | null {
  const upTo = Math.max(newestId ?? 0, entry.baseUpTo)
  if (upTo === 0 || (upTo <= entry.lastReadId && unreadOf(entry) === 0)) return null
  return upTo
}

export const totalUnread = (state: PeopleState): number =>
  Object.values(state.byId).reduce((sum, entry) => sum + unreadOf(entry), 0)
