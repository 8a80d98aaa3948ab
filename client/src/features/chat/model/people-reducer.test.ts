import { describe, expect, it } from 'vitest'

import { initialPeople, peopleReducer as reduce, readMarkFor, sortedPeople, totalUnread, unreadOf } from './people-reducer'
import { ALICE, BOB, makeMessage } from './test-messages'

const CAROL = { id: 3, name: 'Carol' }
const fromBob = (id: number) => makeMessage(id, { sender: BOB, receiver: ALICE })

const base = () =>
  reduce(initialPeople(ALICE.id), {
    type: 'loaded',
    users: [ALICE, BOB, CAROL],
    summaries: [{ user: BOB, lastMessage: fromBob(5), unread: 2, lastReadId: 3, peerLastReadId: 0 }],
  })

describe('peopleReducer', () => {
  it('starts from the server counts and sorts by latest activity, then by name', () => {
    const state = base()
    expect(sortedPeople(state).map((p) => p.user.name)).toEqual(['Bob', 'Alice', 'Carol'])
    expect(totalUnread(state)).toBe(2)
    expect(sortedPeople(state, 'car').map((p) => p.user.name)).toEqual(['Carol'])
  })

  it('counts a live message once even when the stream repeats it', () => {
    let state = base()
    state = reduce(state, { type: 'created', message: fromBob(6), openPeer: null })
    state = reduce(state, { type: 'created', message: fromBob(6), openPeer: null })
    state = reduce(state, { type: 'created', message: fromBob(5), openPeer: null }) // already in the server count
    expect(unreadOf(state.byId[BOB.id])).toBe(3)
    expect(state.byId[BOB.id].lastMessage?.id).toBe(6)
  })

  it('does not count own messages or the open conversation, and moves the peer to the top', () => {
    let state = base()
    state = reduce(state, { type: 'created', message: makeMessage(7, { sender: ALICE, receiver: CAROL }), openPeer: null })
    state = reduce(state, { type: 'created', message: fromBob(8), openPeer: BOB.id })
    expect(unreadOf(state.byId[CAROL.id])).toBe(0)
    expect(unreadOf(state.byId[BOB.id])).toBe(2)
    state = reduce(state, { type: 'created', message: makeMessage(9, { sender: ALICE, receiver: CAROL }), openPeer: null })
    expect(sortedPeople(state)[0].user.name).toBe('Carol')
  })

  it('reading clears the count; a deletion un-counts and marks the preview removed', () => {
    let state = reduce(base(), { type: 'created', message: fromBob(6), openPeer: null })
    state = reduce(state, { type: 'deleted', event: { id: 6, sender: BOB.id, receiver: ALICE.id, room: null, by: 'sender' } })
    expect(unreadOf(state.byId[BOB.id])).toBe(2)
    expect(state.byId[BOB.id].lastRemoved).toBe(true)
    state = reduce(state, { type: 'read', peer: BOB.id, upTo: 6 })
    expect(totalUnread(state)).toBe(0)
  })

  it("reading past a deleted newest message clears the server's count, once", () => {
    // Bob's message 5 (counted unread by the server) is deleted; 4 is the newest left on screen.
    let state = reduce(base(), { type: 'deleted', event: { id: 5, sender: BOB.id, receiver: ALICE.id, room: null, by: 'sender' } })
    const upTo = readMarkFor(state.byId[BOB.id], 4)
    expect(upTo).toBe(5)
    state = reduce(state, { type: 'read', peer: BOB.id, upTo: upTo! })
    expect(unreadOf(state.byId[BOB.id])).toBe(0)
    expect(readMarkFor(state.byId[BOB.id], 4)).toBeNull()
    // A read that changes nothing returns the same state: no effect loops on it.
    expect(reduce(state, { type: 'read', peer: BOB.id, upTo: 4 })).toBe(state)
  })

  it('ignores a deletion whose other side is unknown (its user row was gone)', () => {
    const state = base()
    expect(reduce(state, { type: 'deleted', event: { id: 5, sender: null, receiver: ALICE.id, room: null, by: 'sender' } })).toBe(state)
  })

  it('applies an edit to the preview', () => {
    const state = reduce(base(), { type: 'updated', message: { ...fromBob(5), content: 'fixed' } })
    expect(state.byId[BOB.id].lastMessage?.content).toBe('fixed')
  })

  it('learns a new name from a message, and your own from the profile, keeping the rest', () => {
    let state = base()
    const robert = { id: BOB.id, name: 'Robert' }
    state = reduce(state, { type: 'created', message: makeMessage(6, { sender: robert, receiver: ALICE }), openPeer: null })
    expect(state.byId[BOB.id].user.name).toBe('Robert')
    expect(unreadOf(state.byId[BOB.id])).toBe(3)
    const before = state
    state = reduce(state, { type: 'renamed', user: { id: ALICE.id, name: 'Alicia' } })
    expect(state.byId[ALICE.id].user.name).toBe('Alicia')
    expect(reduce(state, { type: 'renamed', user: { id: ALICE.id, name: 'Alicia' } })).toBe(state)
    expect(reduce(before, { type: 'renamed', user: { id: 99, name: 'Nobody' } })).toBe(before)
  })
})
