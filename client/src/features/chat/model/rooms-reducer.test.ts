import { describe, expect, it } from 'vitest'

import { unreadOf } from './read-state'
import {
  browsableRooms,
  initialRooms,
  mentionsOf,
  roomFor,
  roomsReducer as reduce,
  sidebarRooms,
  totalRoomUnread,
  type RoomsState,
} from './rooms-reducer'
import { ALICE, BOB, makeMessage, makeRoomSummary } from './test-messages'

const CAROL = { id: 3, name: 'Carol' }
const GENERAL = { id: 1, name: 'general' }
const SECRET = { id: 2, name: 'secret' }
const LOBBY = { id: 3, name: 'lobby' }

const summary = makeRoomSummary
const inRoom = (room: { id: number; name: string }, id: number, overrides = {}) =>
  makeMessage(id, { sender: BOB, receiver: null, room, ...overrides })

// Alice is in general (2 unread, 1 mention, read up to 3) and in the private room secret; lobby
// is public and she is not in it. Loaded at feed position 10.
const base = (): RoomsState =>
  reduce(initialRooms(ALICE.id), {
    type: 'loaded',
    position: 10,
    rooms: [
      summary(GENERAL, { unread: 2, mentions: 1, lastReadId: 3, lastMessage: inRoom(GENERAL, 5) }),
      summary(SECRET, { visibility: 'private', role: 'owner', lastMessage: inRoom(SECRET, 4) }),
      summary(LOBBY, { isMember: false, role: null }),
    ],
  })
const joined = (room: { id: number; name: string }, user: { id: number; name: string }, position: number) =>
  ({ type: 'joined', change: { room, user }, position }) as const
const left = (room: { id: number; name: string }, user: { id: number; name: string }, position: number) =>
  ({ type: 'left', change: { room, user }, position }) as const

describe('roomsReducer', () => {
  it('lists your rooms by latest activity, the public rooms to join, and filters both by name', () => {
    const state = base()
    expect(sidebarRooms(state).map((r) => r.name)).toEqual(['general', 'secret'])
    expect(browsableRooms(state).map((r) => r.name)).toEqual(['lobby'])
    expect(sidebarRooms(state, '#sec').map((r) => r.name)).toEqual(['secret'])
    expect(browsableRooms(state, 'gen')).toEqual([])
    expect(totalRoomUnread(state)).toBe(2)
    expect(mentionsOf(state.byId[GENERAL.id])).toBe(1)
  })

  it('a room message moves its room up and counts unread and mentions once, except in the open room or from you', () => {
    let state = base()
    const mention = inRoom(SECRET, 6, { mentions: [ALICE.id] })
    state = reduce(state, { type: 'created', message: mention, openRoom: null })
    state = reduce(state, { type: 'created', message: mention, openRoom: null }) // a replay
    state = reduce(state, { type: 'created', message: inRoom(SECRET, 7, { mentionsRoom: true }), openRoom: null })
    state = reduce(state, { type: 'created', message: inRoom(SECRET, 8, { mentions: [CAROL.id] }), openRoom: null })
    expect(sidebarRooms(state).map((r) => r.name)).toEqual(['secret', 'general'])
    expect(unreadOf(state.byId[SECRET.id])).toBe(3)
    expect(mentionsOf(state.byId[SECRET.id])).toBe(2)

    state = reduce(state, { type: 'created', message: inRoom(GENERAL, 9, { mentions: [ALICE.id] }), openRoom: GENERAL.id })
    state = reduce(state, { type: 'created', message: inRoom(GENERAL, 10, { sender: ALICE }), openRoom: null })
    expect(unreadOf(state.byId[GENERAL.id])).toBe(2)
    expect(mentionsOf(state.byId[GENERAL.id])).toBe(1)
    expect(state.byId[GENERAL.id].lastMessage?.id).toBe(10)

    // A DM is not a room's business; a message of a room you are not in changes nothing.
    expect(reduce(state, { type: 'created', message: makeMessage(11), openRoom: null })).toBe(state)
    expect(reduce(state, { type: 'created', message: inRoom(LOBBY, 12), openRoom: null })).toBe(state)
  })

  it('reading clears unread and mentions; a deletion un-counts and marks the preview removed', () => {
    let state = reduce(base(), { type: 'created', message: inRoom(GENERAL, 6, { mentions: [ALICE.id] }), openRoom: null })
    state = reduce(state, { type: 'deleted', event: { id: 6, sender: BOB.id, receiver: null, room: GENERAL.id, by: 'sender' } })
    expect(unreadOf(state.byId[GENERAL.id])).toBe(2)
    expect(mentionsOf(state.byId[GENERAL.id])).toBe(1)
    expect(state.byId[GENERAL.id].lastRemoved).toBe(true)
    state = reduce(state, { type: 'read', room: GENERAL.id, upTo: 6 })
    expect(unreadOf(state.byId[GENERAL.id])).toBe(0)
    expect(mentionsOf(state.byId[GENERAL.id])).toBe(0)
    expect(reduce(state, { type: 'read', room: GENERAL.id, upTo: 6 })).toBe(state)
  })

  it('an edit that adds or removes a mention of you moves the mention badge, for unread messages only', () => {
    const edit = (message: ReturnType<typeof inRoom>, position: number) => ({ type: 'updated', message, position }) as const
    const general = (state: RoomsState) => ({ unread: unreadOf(state.byId[GENERAL.id]), mentions: mentionsOf(state.byId[GENERAL.id]) })
    // A live one (counted by id): in, a replay of the same edit, then out.
    let state = reduce(base(), { type: 'created', message: inRoom(GENERAL, 6), openRoom: null })
    expect(general(state)).toEqual({ unread: 3, mentions: 1 })
    state = reduce(state, edit(inRoom(GENERAL, 6, { mentions: [ALICE.id] }), 11))
    state = reduce(state, edit(inRoom(GENERAL, 6, { mentions: [ALICE.id] }), 11))
    expect(general(state)).toEqual({ unread: 3, mentions: 2 })
    state = reduce(state, edit(inRoom(GENERAL, 6, { mentions: [CAROL.id] }), 12))
    expect(general(state)).toEqual({ unread: 3, mentions: 1 })
    state = reduce(state, edit(inRoom(GENERAL, 6, { mentionsRoom: true }), 13))
    expect(general(state)).toEqual({ unread: 3, mentions: 2 })

    // The snapshot's last message (in the server's count, its mentions known): in and out too.
    state = reduce(base(), edit(inRoom(GENERAL, 5, { mentions: [ALICE.id] }), 11))
    state = reduce(state, edit(inRoom(GENERAL, 5, { mentions: [ALICE.id] }), 11))
    expect(general(state)).toEqual({ unread: 2, mentions: 2 })
    expect(state.byId[GENERAL.id].lastMessage?.mentions).toEqual([ALICE.id])
    state = reduce(state, edit(inRoom(GENERAL, 5), 12))
    expect(general(state)).toEqual({ unread: 2, mentions: 1 })
    expect(state.recountAfter).toBe(0)

    // Read ones, your own and those that came while the room was open never count.
    state = reduce(state, { type: 'created', message: inRoom(GENERAL, 6), openRoom: GENERAL.id })
    state = reduce(state, { type: 'created', message: inRoom(GENERAL, 7, { sender: ALICE }), openRoom: null })
    state = reduce(state, edit(inRoom(GENERAL, 6, { mentions: [ALICE.id] }), 13))
    state = reduce(state, edit(inRoom(GENERAL, 7, { sender: ALICE, mentionsRoom: true }), 14))
    state = reduce(state, edit(inRoom(GENERAL, 3, { mentions: [ALICE.id] }), 15))
    expect(general(state)).toEqual({ unread: 2, mentions: 1 })
    state = reduce(state, { type: 'read', room: GENERAL.id, upTo: 7 })
    state = reduce(state, edit(inRoom(GENERAL, 5, { mentions: [ALICE.id] }), 16))
    expect(general(state)).toEqual({ unread: 0, mentions: 0 })
    expect(state.recountAfter).toBe(0)
  })

  it('an edit of an unread message the server counted, which this tab never saw, asks for a recount', () => {
    // Message 4 is unread and in the server's count (general is read up to 3, counted up to 5):
    // whether it mentioned Alice before is not known here.
    let state = reduce(base(), { type: 'updated', message: inRoom(GENERAL, 4, { mentions: [ALICE.id] }), position: 12 })
    expect(state.recountAfter).toBe(12)
    expect(mentionsOf(state.byId[GENERAL.id])).toBe(1)
    // A snapshot asked before the edit may not have it; one asked at or after it does.
    state = reduce(state, { type: 'loaded', position: 11, rooms: [summary(GENERAL, { unread: 2, mentions: 1, lastReadId: 3, lastMessage: inRoom(GENERAL, 5) })] })
    expect(state.recountAfter).toBe(12)
    state = reduce(state, { type: 'loaded', position: 12, rooms: [summary(GENERAL, { unread: 2, mentions: 2, lastReadId: 3, lastMessage: inRoom(GENERAL, 5) })] })
    expect(state.recountAfter).toBe(0)
    expect(mentionsOf(state.byId[GENERAL.id])).toBe(2)
  })

  it('being added elsewhere adds the room; others joining and leaving move the count once', () => {
    let state = base()
    const newRoom = { id: 9, name: 'plans' }
    state = reduce(state, joined(newRoom, ALICE, 11))
    expect(sidebarRooms(state).map((r) => r.name)).toContain('plans')
    expect(roomFor(state, 9)?.isMember).toBe(true)

    state = reduce(state, joined(GENERAL, CAROL, 12))
    state = reduce(state, joined(GENERAL, CAROL, 12)) // a replay
    expect(state.byId[GENERAL.id].memberCount).toBe(4)
    state = reduce(state, left(GENERAL, CAROL, 13))
    expect(state.byId[GENERAL.id].memberCount).toBe(3)
    // An event the snapshot already counted changes nothing.
    expect(reduce(state, joined(SECRET, CAROL, 9))).toBe(state)
  })

  it('being removed takes the room away with a note, and a private room is then not found', () => {
    let state = reduce(base(), { type: 'created', message: inRoom(SECRET, 6), openRoom: null })
    state = reduce(state, left(SECRET, ALICE, 11))
    expect(state.notice).toBe('You were removed from #secret')
    expect(sidebarRooms(state).map((r) => r.name)).toEqual(['general'])
    expect(roomFor(state, SECRET.id)).toBeNull()
    expect(browsableRooms(state).map((r) => r.name)).toEqual(['lobby'])
    expect(totalRoomUnread(state)).toBe(2)
    expect(state.byId[SECRET.id].lastMessage).toBeNull()
    // Its messages are not counted any more, even if one still arrives.
    expect(reduce(state, { type: 'created', message: inRoom(SECRET, 7), openRoom: null })).toBe(state)

    state = reduce(state, { type: 'notice-dismissed' })
    expect(state.notice).toBeNull()
    // A snapshot asked before the removal does not bring the room back.
    state = reduce(state, {
      type: 'loaded',
      position: 10,
      rooms: [summary(GENERAL), summary(SECRET, { visibility: 'private', role: 'owner' })],
    })
    expect(roomFor(state, SECRET.id)).toBeNull()
  })

  it('leaving from here says "You left", and a public room stays there to join again', () => {
    let state = reduce(base(), { type: 'leave-requested', room: GENERAL.id })
    state = reduce(state, left(GENERAL, ALICE, 11))
    expect(state.notice).toBe('You left #general')
    expect(state.leaving).toEqual([])
    expect(browsableRooms(state).map((r) => r.name)).toEqual(['general', 'lobby'])
    expect(roomFor(state, GENERAL.id)?.isMember).toBe(false)
    state = reduce(state, joined(GENERAL, ALICE, 12))
    expect(sidebarRooms(state).map((r) => r.name)).toContain('general')
  })

  it('a snapshot asked before you were added keeps the room; one asked after wins', () => {
    const newRoom = { id: 9, name: 'plans' }
    let state = reduce(base(), joined(newRoom, ALICE, 11))
    state = reduce(state, { type: 'loaded', position: 10, rooms: [summary(GENERAL)] })
    expect(roomFor(state, 9)?.isMember).toBe(true)
    state = reduce(state, {
      type: 'loaded',
      position: 12,
      rooms: [summary(GENERAL), summary(newRoom, { topic: 'Q3', visibility: 'private', memberCount: 5 })],
    })
    expect(state.byId[9]).toMatchObject({ topic: 'Q3', memberCount: 5, isMember: true })
  })

  it('a rename reaches the list', () => {
    const state = reduce(base(), { type: 'room-updated', update: { id: GENERAL.id, name: 'everyone', topic: 'All hands', visibility: 'public' } })
    expect(state.byId[GENERAL.id]).toMatchObject({ name: 'everyone', topic: 'All hands' })
  })
})
