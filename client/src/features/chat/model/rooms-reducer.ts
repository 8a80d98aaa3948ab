// The rooms list (the sidebar's "Rooms", and the public rooms to browse): every room the server
// lets you see (`GET /api/rooms`), then live. Pure.
// - Unread and mention counts work like the people list's (read-state.ts); a message counts as a
//   mention when it names you or @room.
// - Membership events are ordered by their feed position: a snapshot asked at position P never
//   undoes what an event after P said (you joined, left or were removed meanwhile), and a member
//   count moves only for events after the position it was known at, so a replay counts once.
// - A room you are no longer in stays known (a public one can be joined again) but holds no read
//   state; a private one is shown nowhere (see `sidebarRooms`, `browsableRooms`, `roomFor`).
import { countsAsNew, fromSnapshot, noReadCounts, readUpTo, unreadOf, type ReadCounts } from './read-state'
import {
  mentionsMe,
  type DeletedMessage,
  type Message,
  type RoomMemberChange,
  type RoomSummary,
  type RoomUpdate,
  type RoomVisibility,
} from './types'

export interface RoomEntry extends ReadCounts {
  id: number
  name: string
  topic: string | null
  visibility: RoomVisibility
  memberCount: number
  countAt: number // feed position the member count is as of
  isMember: boolean
  role: RoomSummary['role']
  notify: RoomSummary['notify'] // your notification level (null: not a member, or not known yet)
  memberAt: number // feed position of the last change to your membership this tab knows
  lastMessage: Message | null
  lastRemoved: boolean
  // Mentions of you, counted like unread messages: the server's up to `baseUpTo`, then live ids.
  mentionBase: number
  mentionLive: number[]
}

export interface RoomsState {
  me: number
  loaded: boolean
  byId: Record<number, RoomEntry>
  leaving: number[] // rooms you asked to leave from this tab: "You left", not "You were removed"
  notice: string | null // what happened to your membership, until dismissed
  // An edit changed what an unread message mentions where this tab cannot tell what it was
  // before (the server counted it): the feed position of the latest such edit, until a snapshot
  // asked at or after it (`loaded`) recounts; 0 when none waits.
  recountAfter: number
}

// `position`: the feed position when the server was asked (a snapshot or an answer), or the
// event's own.
export type RoomsAction =
  | { type: 'loaded'; rooms: RoomSummary[]; position: number }
  | { type: 'summary'; room: RoomSummary; position: number }
  | { type: 'created'; message: Message; openRoom: number | null }
  | { type: 'updated'; message: Message; position: number }
  | { type: 'deleted'; event: DeletedMessage }
  | { type: 'read'; room: number; upTo: number }
  | { type: 'joined'; change: RoomMemberChange; position: number }
  | { type: 'left'; change: RoomMemberChange; position: number }
  | { type: 'room-updated'; update: RoomUpdate }
  | { type: 'leave-requested'; room: number }
  | { type: 'leave-failed'; room: number }
  | { type: 'notice-dismissed' }

export const initialRooms = (me: number): RoomsState => ({ me, loaded: false, byId: {}, leaving: [], notice: null, recountAfter: 0 })

const notMember = { isMember: false, role: null, notify: null, lastMessage: null, lastRemoved: false, ...noReadCounts, mentionBase: 0, mentionLive: [] }

function fromSummary(summary: RoomSummary, position: number, previous: RoomEntry | undefined): RoomEntry {
  const upTo = summary.lastMessage?.id ?? 0
  const entry: RoomEntry = {
    id: summary.id,
    name: summary.name,
    topic: summary.topic,
    visibility: summary.visibility,
    memberCount: summary.memberCount,
    countAt: position,
    isMember: summary.isMember,
    role: summary.role,
    notify: summary.notify,
    memberAt: position,
    lastMessage: summary.lastMessage,
    lastRemoved: false,
    ...fromSnapshot(previous, summary.unread, upTo, summary.lastReadId),
    mentionBase: summary.mentions,
    mentionLive: (previous?.mentionLive ?? []).filter((id) => id > upTo && id > summary.lastReadId),
  }
  if (!previous) return entry
  // Events this snapshot predates win: membership, and the count they moved.
  const membership = previous.memberAt > position ? { isMember: previous.isMember, role: previous.role, memberAt: previous.memberAt } : {}
  const count = previous.countAt > position ? { memberCount: previous.memberCount, countAt: previous.countAt } : {}
  const merged = { ...entry, ...membership, ...count }
  return merged.isMember ? merged : { ...merged, ...notMember }
}

function withRoom(state: RoomsState, id: number, change: (entry: RoomEntry) => RoomEntry): RoomsState {
  const current = state.byId[id]
  if (!current) return state
  const next = change(current)
  return next === current ? state : { ...state, byId: { ...state.byId, [id]: next } }
}

// A member joined (+1) or left (-1) at `position`: counted once, in feed order.
const moveCount = (entry: RoomEntry, delta: number, position: number): RoomEntry =>
  position > entry.countAt ? { ...entry, memberCount: Math.max(0, entry.memberCount + delta), countAt: position } : entry

export function roomsReducer(state: RoomsState, action: RoomsAction): RoomsState {
  switch (action.type) {
    case 'loaded': {
      const byId: Record<number, RoomEntry> = {}
      for (const room of action.rooms) byId[room.id] = fromSummary(room, action.position, state.byId[room.id])
      // A room this snapshot does not list but an event after it made you a member of.
      for (const entry of Object.values(state.byId)) {
        if (!byId[entry.id] && entry.isMember && entry.memberAt > action.position) byId[entry.id] = entry
      }
      return { ...state, loaded: true, byId, recountAfter: action.position >= state.recountAfter ? 0 : state.recountAfter }
    }
    case 'summary':
      return { ...state, byId: { ...state.byId, [action.room.id]: fromSummary(action.room, action.position, state.byId[action.room.id]) } }
    case 'created': {
      const { message } = action
      if (!message.room) return state
      return withRoom(state, message.room.id, (entry) => {
        if (!entry.isMember) return entry
        let next = entry
        if (!entry.lastMessage || entry.lastMessage.id <= message.id) next = { ...next, lastMessage: message, lastRemoved: false }
        const countable = message.sender.id !== state.me && action.openRoom !== entry.id && countsAsNew(entry, message.id)
        if (!countable) return next
        next = { ...next, unreadLive: [...next.unreadLive, message.id] }
        return mentionsMe(state.me, message) ? { ...next, mentionLive: [...next.mentionLive, message.id] } : next
      })
    }
    case 'updated': {
      const { message } = action
      const entry = message.room ? state.byId[message.room.id] : undefined
      if (!entry) return state
      const mentioned = mentionsMe(state.me, message)
      const next = entry.lastMessage?.id === message.id ? { ...entry, lastMessage: message } : entry
      // Only others' unread messages count, as for a new one.
      if (message.sender.id === state.me || message.id <= entry.lastReadId) return withRoom(state, entry.id, () => next)
      if (entry.unreadLive.includes(message.id)) {
        // Counted live, by id: in or out of the mentions as it says now.
        const mentionLive = entry.mentionLive.filter((id) => id !== message.id).concat(mentioned ? [message.id] : [])
        return withRoom(state, entry.id, () => ({ ...next, mentionLive }))
      }
      if (message.id > entry.baseUpTo) return withRoom(state, entry.id, () => next)
      // In the server's count: known only for the last message (the snapshot's, or live since).
      if (entry.lastMessage?.id === message.id) {
        const delta = Number(mentioned) - Number(mentionsMe(state.me, entry.lastMessage))
        return withRoom(state, entry.id, () => ({ ...next, mentionBase: Math.max(0, entry.mentionBase + delta) }))
      }
      return { ...state, recountAfter: Math.max(state.recountAfter, action.position) }
    }
    case 'deleted': {
      const { event } = action
      if (!event.room) return state
      return withRoom(state, event.room, (entry) => ({
        ...entry,
        lastRemoved: entry.lastRemoved || entry.lastMessage?.id === event.id,
        unreadLive: entry.unreadLive.filter((id) => id !== event.id),
        mentionLive: entry.mentionLive.filter((id) => id !== event.id),
      }))
    }
    case 'read':
      return withRoom(state, action.room, (entry) => {
        const next = readUpTo(entry, action.upTo)
        if (next === entry) return entry
        const mentionBase = action.upTo >= entry.baseUpTo ? 0 : entry.mentionBase
        return { ...next, mentionBase, mentionLive: entry.mentionLive.filter((id) => id > action.upTo) }
      })
    case 'joined': {
      const { change, position } = action
      const current = state.byId[change.room.id]
      if (change.user.id !== state.me) return current ? withRoom(state, current.id, (entry) => moveCount(entry, 1, position)) : state
      if (current && current.memberAt >= position) return state
      // Added to a room this tab did not know (a private one): what the event says; the hook
      // reloads the list for its topic and counts.
      const base: RoomEntry = current ?? {
        id: change.room.id,
        name: change.room.name,
        topic: null,
        visibility: 'private',
        memberCount: 0,
        countAt: 0,
        memberAt: 0,
        ...notMember,
      }
      const entry = moveCount({ ...base, name: change.room.name, isMember: true, role: base.role ?? 'member', memberAt: position }, 1, position)
      return { ...state, byId: { ...state.byId, [entry.id]: entry } }
    }
    case 'left': {
      const { change, position } = action
      const current = state.byId[change.room.id]
      if (change.user.id !== state.me) return current ? withRoom(state, current.id, (entry) => moveCount(entry, -1, position)) : state
      if (current && current.memberAt >= position) return state
      const wasMember = current?.isMember ?? true
      const byMe = state.leaving.includes(change.room.id)
      const base = current ?? { id: change.room.id, name: change.room.name, topic: null, visibility: 'private' as const, memberCount: 1, countAt: 0 }
      const entry: RoomEntry = { ...moveCount({ ...base, ...notMember, memberAt: position }, -1, position), name: change.room.name }
      const notice = !wasMember ? state.notice : byMe ? `You left #${change.room.name}` : `You were removed from #${change.room.name}`
      return { ...state, byId: { ...state.byId, [entry.id]: entry }, leaving: state.leaving.filter((id) => id !== entry.id), notice }
    }
    case 'room-updated': {
      const { update } = action
      return withRoom(state, update.id, (entry) => ({ ...entry, name: update.name, topic: update.topic, visibility: update.visibility }))
    }
    case 'leave-requested':
      return state.leaving.includes(action.room) ? state : { ...state, leaving: [...state.leaving, action.room] }
    case 'leave-failed':
      return { ...state, leaving: state.leaving.filter((id) => id !== action.room) }
    case 'notice-dismissed':
      return state.notice === null ? state : { ...state, notice: null }
  }
}

export const memberCountLabel = (count: number): string => (count === 1 ? '1 member' : `${count} members`)

export const mentionsOf = (entry: RoomEntry): number => entry.mentionBase + entry.mentionLive.length

const activity = (entry: RoomEntry): number => entry.lastMessage?.id ?? 0

const matches = (entry: RoomEntry, filter: string): boolean => {
  const needle = filter.trim().toLocaleLowerCase().replace(/^#/, '')
  return !needle || entry.name.toLocaleLowerCase().includes(needle)
}

// The sidebar's rooms: yours, latest activity first, then by name.
export const sidebarRooms = (state: RoomsState, filter = ''): RoomEntry[] =>
  Object.values(state.byId)
    .filter((entry) => entry.isMember && matches(entry, filter))
    .sort((a, b) => activity(b) - activity(a) || a.name.localeCompare(b.name))

// Public rooms you are not in, to join: by name.
export const browsableRooms = (state: RoomsState, filter = ''): RoomEntry[] =>
  Object.values(state.byId)
    .filter((entry) => !entry.isMember && entry.visibility === 'public' && matches(entry, filter))
    .sort((a, b) => a.name.localeCompare(b.name))

// What you may see of room `id`: yours, or a public one; null for a private room you are not in
// (or do not exist): the same "not found" either way.
export function roomFor(state: RoomsState, id: number): RoomEntry | null {
  const entry = state.byId[id]
  return entry && (entry.isMember || entry.visibility === 'public') ? entry : null
}

export const totalRoomUnread = (state: RoomsState): number =>
  Object.values(state.byId).reduce((sum, entry) => sum + (entry.isMember ? unreadOf(entry) : 0), 0)
