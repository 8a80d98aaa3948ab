import { describe, expect, it } from 'vitest'

import { messagesReducer, initialMessages } from './messages-reducer'
import { peopleReducer, initialPeople } from './people-reducer'
import { seenMessageId } from './seen'
import { ALICE, BOB, makeMessage } from './test-messages'

const mine = (id: number) => makeMessage(id, { sender: ALICE, receiver: BOB })
const theirs = (id: number) => makeMessage(id, { sender: BOB, receiver: ALICE })

describe('Seen', () => {
  const items = messagesReducer(initialMessages, { type: 'page-loaded', messages: [mine(6), theirs(5), mine(4), mine(2)], hasMore: false }).items

  it('marks your last message at or below the peer’s read position', () => {
    expect(seenMessageId(items, ALICE.id, 0)).toBeNull()
    expect(seenMessageId(items, ALICE.id, 3)).toBe(2)
    expect(seenMessageId(items, ALICE.id, 5)).toBe(4)
    expect(seenMessageId(items, ALICE.id, 6)).toBe(6)
    expect(seenMessageId(items, ALICE.id, 99)).toBe(6)
  })

  it('never marks a message still being sent', () => {
    const pending = messagesReducer(messagesReducer(initialMessages, { type: 'page-loaded', messages: [mine(2)], hasMore: false }), {
      type: 'send-started', tempId: 't1', sender: ALICE, target: { kind: 'dm', id: BOB.id }, content: 'hi', at: '2026-01-01T13:00:00.000Z',
    }).items
    expect(seenMessageId(pending, ALICE.id, 99)).toBe(2)
  })

  it('the peer’s read position comes from the conversations list, then `read` events, and only moves forward', () => {
    let people = peopleReducer(initialPeople(ALICE.id), { type: 'peer-read', peer: BOB.id, lastReadId: 9 }) // before the list: unknown peer
    expect(people.byId[BOB.id]).toBeUndefined()
    people = peopleReducer(people, { type: 'loaded', users: [ALICE, BOB], summaries: [{ user: BOB, lastMessage: mine(4), unread: 0, lastReadId: 3, peerLastReadId: 2 }] })
    expect(people.byId[BOB.id].peerLastReadId).toBe(2)
    people = peopleReducer(people, { type: 'peer-read', peer: BOB.id, lastReadId: 4 })
    expect(people.byId[BOB.id].peerLastReadId).toBe(4)
    const same = peopleReducer(people, { type: 'peer-read', peer: BOB.id, lastReadId: 3 })
    expect(same).toBe(people)
    // A list asked before the event answers after it: the event stays.
    people = peopleReducer(people, { type: 'loaded', users: [ALICE, BOB], summaries: [{ user: BOB, lastMessage: mine(4), unread: 0, lastReadId: 3, peerLastReadId: 2 }] })
    expect(people.byId[BOB.id].peerLastReadId).toBe(4)
  })
})
