import { describe, expect, it } from 'vitest'

import { messagesReducer as reduce, initialMessages, oldestId, visibleItems, type MessagesState } from './messages-reducer'
import { shownReactions } from './reactions'
import { ALICE, BOB, makeMessage } from './test-messages'

const ME = ALICE.id
const ids = (state: MessagesState) => state.items.map((item) => item.id)
const loaded = (...messageIds: number[]) =>
  reduce(initialMessages, { type: 'page-loaded', messages: messageIds.map((id) => makeMessage(id)), hasMore: false })
const send = (state: MessagesState, tempId: string, content: string) =>
  reduce(state, { type: 'send-started', tempId, sender: ALICE, target: { kind: 'dm', id: BOB.id }, content, at: '2026-01-01T13:00:00.000Z' })

describe('messagesReducer', () => {
  it('merges pages and live events by id, in id order, without duplicates', () => {
    let state = loaded(5, 4, 3)
    state = reduce(state, { type: 'created', message: makeMessage(6), me: ME })
    state = reduce(state, { type: 'created', message: makeMessage(6), me: ME })
    state = reduce(state, { type: 'page-loaded', messages: [makeMessage(2), makeMessage(3)], hasMore: true })
    expect(ids(state)).toEqual([2, 3, 4, 5, 6])
    expect(oldestId(state)).toBe(2)
    expect(state.hasMore).toBe(true)
  })

  it('shows a message without a server timestamp at its creation time, unedited', () => {
    const { timestamp: _omitted, editedAt: _alsoOmitted, ...bare } = makeMessage(4)
    const state = reduce(loaded(), { type: 'created', message: bare, me: ME })
    expect(state.items[0].timestamp).toBe(bare.createdAt)
    expect(state.items[0].editedAt).toBeNull()
  })

  it('sorts out-of-order arrivals', () => {
    let state = loaded()
    for (const id of [9, 7, 8]) state = reduce(state, { type: 'created', message: makeMessage(id, { sender: BOB, receiver: ALICE }), me: ME })
    expect(ids(state)).toEqual([7, 8, 9])
  })

  it('keeps the newest copy of an edited message, whatever the arrival order', () => {
    const edited = makeMessage(3, { content: 'edited', editedAt: '2026-01-02T00:00:00.000Z', updatedAt: '2026-01-02T00:00:00.000Z' })
    let state = loaded(3)
    state = reduce(state, { type: 'updated', message: edited, position: 5 })
    // a REST page fetched before the edit (the stream was at 4) arrives afterwards
    state = reduce(state, { type: 'page-loaded', messages: [makeMessage(3)], hasMore: false, position: 4 })
    expect(state.items[0].content).toBe('edited')
    expect(state.items[0].editedAt).not.toBeNull()
  })

  it('orders copies by feed position: a later moderator edit replaces a copy that claims a later updatedAt', () => {
    // Stored before timestamps were the server's: the sender's copy says it was updated in 2099.
    const forged = makeMessage(3, { content: 'mine', updatedAt: '2099-01-01T00:00:00.000Z' })
    let state = reduce(initialMessages, { type: 'page-loaded', messages: [forged], hasMore: false, position: 10 })
    const moderated = makeMessage(3, { content: '[moderated]', editedAt: '2026-01-02T00:00:00.000Z', updatedAt: '2026-01-02T00:00:00.000Z' })
    state = reduce(state, { type: 'updated', message: moderated, position: 11 })
    expect(state.items[0].content).toBe('[moderated]')
    // the forged copy again, from a REST page asked before that edit: it stays moderated
    state = reduce(state, { type: 'page-loaded', messages: [forged], hasMore: false, position: 10 })
    expect(state.items[0].content).toBe('[moderated]')
    // and from a page asked after it (the server has the edit by then, whatever updatedAt says)
    state = reduce(state, { type: 'page-loaded', messages: [moderated], hasMore: false, position: 11 })
    expect(state.items[0]).toMatchObject({ content: '[moderated]', position: 11 })
  })

  it('takes a live edit over an earlier one that arrives late, whatever their updatedAt', () => {
    let state = loaded(3)
    state = reduce(state, { type: 'updated', message: makeMessage(3, { content: 'second', updatedAt: '2026-01-01T00:00:00.000Z' }), position: 8 })
    state = reduce(state, { type: 'updated', message: makeMessage(3, { content: 'first', updatedAt: '2030-01-01T00:00:00.000Z' }), position: 7 })
    expect(state.items[0].content).toBe('second')
  })

  it('shows a removed line for someone else’s deletion and ignores an edit after the delete', () => {
    let state = loaded(3, 4)
    state = reduce(state, { type: 'deleted', id: 3 })
    state = reduce(state, { type: 'updated', message: makeMessage(3, { content: 'late edit', updatedAt: '2030-01-01T00:00:00.000Z' }) })
    state = reduce(state, { type: 'created', message: makeMessage(3), me: ME })
    expect(state.items.map((i) => [i.id, i.status, i.content])).toEqual([
      [3, 'removed', ''],
      [4, 'confirmed', 'message 4'],
    ])
  })

  it('keeps who removed a message: the sender, or a moderator', () => {
    let state = loaded(3, 4, 5)
    state = reduce(state, { type: 'deleted', id: 3, by: 'moderator' })
    state = reduce(state, { type: 'deleted', id: 4, by: 'sender' })
    state = reduce(state, { type: 'deleted', id: 5 })
    expect(state.items.map((i) => [i.id, i.status, i.removedBy])).toEqual([
      [3, 'removed', 'moderator'],
      [4, 'removed', 'sender'],
      [5, 'removed', 'sender'],
    ])
  })

  it('says whose edit the newest copy carries: a moderator edit, then the sender editing again', () => {
    const at = '2026-01-02T00:00:00.000Z'
    let state = loaded(3)
    expect(state.items[0].editedByModerator).toBe(false)
    state = reduce(state, { type: 'updated', message: makeMessage(3, { content: '[removed link]', editedAt: at, editedByModerator: true }), position: 5 })
    expect(state.items[0]).toMatchObject({ content: '[removed link]', editedByModerator: true })
    state = reduce(state, { type: 'updated', message: makeMessage(3, { content: 'my words', editedAt: at, editedByModerator: false }), position: 6 })
    expect(state.items[0]).toMatchObject({ content: 'my words', editedByModerator: false })
  })

  it('makes a deletion this client asked for disappear', () => {
    let state = loaded(3, 4)
    state = reduce(state, { type: 'delete-requested', id: 4 })
    state = reduce(state, { type: 'deleted', id: 4 })
    state = reduce(state, { type: 'deleted', id: 4 })
    expect(ids(state)).toEqual([3])
  })

  it('a deletion of a message never loaded keeps it from appearing later', () => {
    let state = loaded(5)
    state = reduce(state, { type: 'deleted', id: 2 })
    state = reduce(state, { type: 'page-loaded', messages: [makeMessage(2)], hasMore: false })
    expect(ids(state)).toEqual([5])
  })

  it('optimistic send: pending, then confirmed by the POST answer', () => {
    let state = send(loaded(1), 'a', 'hello')
    expect(state.items[1]).toMatchObject({ id: null, status: 'pending', content: 'hello' })
    state = reduce(state, { type: 'send-confirmed', tempId: 'a', message: makeMessage(2, { content: 'hello' }) })
    expect(state.items.map((i) => [i.id, i.status])).toEqual([[1, 'confirmed'], [2, 'confirmed']])
    expect(state.items[1].key).toBe('t:a') // same React key: no remount, no flicker
    state = reduce(state, { type: 'created', message: makeMessage(2, { content: 'hello' }), me: ME })
    expect(ids(state)).toEqual([1, 2])
  })

  it('stream echo before the POST answer: one message, never two', () => {
    let state = send(loaded(1), 'a', '  hello ')
    state = reduce(state, { type: 'created', message: makeMessage(2, { content: 'hello' }), me: ME })
    expect(state.items.map((i) => [i.id, i.status, i.key])).toEqual([
      [1, 'confirmed', 'm:1'],
      [2, 'confirmed', 't:a'],
    ])
    state = reduce(state, { type: 'send-confirmed', tempId: 'a', message: makeMessage(2, { content: 'hello' }) })
    expect(ids(state)).toEqual([1, 2])
  })

  it('two identical pending sends echoed in any order end as two messages', () => {
    let state = send(send(loaded(), 'a', 'ok'), 'b', 'ok')
    state = reduce(state, { type: 'created', message: makeMessage(11, { content: 'ok' }), me: ME })
    state = reduce(state, { type: 'send-confirmed', tempId: 'a', message: makeMessage(10, { content: 'ok' }) })
    state = reduce(state, { type: 'created', message: makeMessage(10, { content: 'ok' }), me: ME })
    state = reduce(state, { type: 'send-confirmed', tempId: 'b', message: makeMessage(11, { content: 'ok' }) })
    expect(ids(state)).toEqual([10, 11])
    expect(state.items.every((i) => i.status === 'confirmed')).toBe(true)
  })

  it('failed send can be retried or discarded, and is not matched by an echo', () => {
    let state = send(loaded(), 'a', 'hi')
    state = reduce(state, { type: 'send-failed', tempId: 'a', error: 'offline' })
    expect(state.items[0]).toMatchObject({ status: 'failed', error: 'offline' })
    state = reduce(state, { type: 'send-retried', tempId: 'a' })
    expect(state.items[0].status).toBe('pending')
    state = reduce(state, { type: 'send-failed', tempId: 'a', error: 'offline' })
    state = reduce(state, { type: 'send-discarded', tempId: 'a' })
    expect(state.items).toEqual([])
  })

  it('an echo carrying the clientId confirms exactly that send, even one whose POST failed', () => {
    let state = send(loaded(), 'key-one-0001', 'same text')
    state = send(state, 'key-two-0002', 'same text')
    state = reduce(state, { type: 'send-failed', tempId: 'key-one-0001', error: 'Cannot reach the server.' })
    // The failed POST was stored after all; its echo names it, not the other pending copy.
    state = reduce(state, { type: 'created', message: makeMessage(9, { content: 'same text', clientId: 'key-one-0001' }), me: ME })
    const one = state.items.find((item) => item.tempId === 'key-one-0001')!
    const two = state.items.find((item) => item.tempId === 'key-two-0002')!
    expect([one.id, one.status]).toEqual([9, 'confirmed'])
    expect([two.id, two.status]).toEqual([null, 'pending'])
    // The retried POST's 409 is answered with the same stored message: still one item.
    state = reduce(state, { type: 'send-confirmed', tempId: 'key-one-0001', message: makeMessage(9, { content: 'same text', clientId: 'key-one-0001' }) })
    expect(ids(state)).toEqual([9, null])
  })

  it("another tab's message with the same text does not take over this tab's pending send", () => {
    let state = send(loaded(), 'mine-00000001', 'hello')
    state = reduce(state, { type: 'created', message: makeMessage(7, { content: 'hello', clientId: 'other-tab-0001' }), me: ME })
    expect(state.items.map((item) => [item.id, item.status])).toEqual([
      [7, 'confirmed'],
      [null, 'pending'],
    ])
  })

  it('reset forgets server state but keeps local sends in flight', () => {
    let state = reduce(loaded(1, 2), { type: 'deleted', id: 1 })
    state = reduce(send(state, 'a', 'x'), { type: 'reset' })
    expect(state.loaded).toBe(false)
    expect(state.deletedIds).toEqual([])
    expect(state.items.map((i) => [i.id, i.tempId])).toEqual([[null, 'a']])
    expect(reduce(loaded(1), { type: 'reset' })).toEqual(initialMessages)
  })

  describe('reactions', () => {
    const thumbs = (...users: number[]) => [{ emoji: '👍', users }]
    const shown = (state: MessagesState) => shownReactions(state.items[0].reactions ?? [], state.items[0].myReactions ?? [])

    it('takes each server copy’s list unless an older one than what is shown', () => {
      let state = reduce(loaded(3), { type: 'reactions', id: 3, reactions: thumbs(BOB.id), position: 7 })
      expect(state.items[0].reactions).toEqual(thumbs(BOB.id))
      state = reduce(state, { type: 'reactions', id: 3, reactions: [], position: 5 }) // late answer
      expect(state.items[0].reactions).toEqual(thumbs(BOB.id))
      state = reduce(state, { type: 'updated', message: makeMessage(3, { reactions: thumbs(BOB.id, 9) }), position: 8 })
      expect(state.items[0].reactions).toEqual(thumbs(BOB.id, 9))
      state = reduce(state, { type: 'reactions', id: 3, reactions: [], position: 9 })
      expect(state.items[0].reactions).toEqual([])
    })

    it('ignores reactions of a message deleted or not loaded', () => {
      const state = reduce(loaded(3), { type: 'deleted', id: 3 })
      expect(reduce(state, { type: 'reactions', id: 3, reactions: thumbs(2), position: 9 }).items[0].reactions).toEqual([])
      expect(reduce(state, { type: 'reactions', id: 4, reactions: thumbs(2), position: 9 })).toBe(state)
    })

    it('shows your toggle at once, keeps it over others’ changes until a server copy shows it, and rolls it back on failure', () => {
      let state = reduce(loaded(3), { type: 'reaction-requested', id: 3, emoji: '👍', user: ME, reacted: true })
      expect(shown(state)).toEqual(thumbs(ME))
      // Bob's reaction, committed before yours, arrives: yours still shows.
      state = reduce(state, { type: 'reactions', id: 3, reactions: thumbs(BOB.id), position: 4 })
      expect(shown(state)).toEqual(thumbs(BOB.id, ME))
      // Yours arrives: nothing is pending any more.
      state = reduce(state, { type: 'reactions', id: 3, reactions: thumbs(BOB.id, ME), position: 5 })
      expect(state.items[0].myReactions).toEqual([])
      // Taking it back fails: exactly that toggle is undone, Bob's stays.
      state = reduce(state, { type: 'reaction-requested', id: 3, emoji: '👍', user: ME, reacted: false })
      expect(shown(state)).toEqual(thumbs(BOB.id))
      state = reduce(state, { type: 'reaction-failed', id: 3, emoji: '👍', user: ME })
      expect(shown(state)).toEqual(thumbs(BOB.id, ME))
    })
  })

  describe('delete with undo', () => {
    it('hides a message while its deletion can be undone, and shows it again on undo', () => {
      let state = reduce(loaded(3, 4), { type: 'delete-scheduled', id: 3 })
      expect(visibleItems(state).map((item) => item.id)).toEqual([4])
      expect(ids(state)).toEqual([3, 4])
      state = reduce(state, { type: 'delete-undone', id: 3 })
      expect(visibleItems(state).map((item) => item.id)).toEqual([3, 4])
    })

    it('keeps it hidden while the deletion is sent; a failure shows it again with the error', () => {
      let state = reduce(loaded(3), { type: 'delete-scheduled', id: 3 })
      state = reduce(state, { type: 'delete-requested', id: 3 })
      state = reduce(state, { type: 'reset' }) // a resync meanwhile
      state = reduce(state, { type: 'page-loaded', messages: [makeMessage(3)], hasMore: false })
      expect(visibleItems(state)).toEqual([])
      const failed = reduce(state, { type: 'delete-failed', id: 3, error: 'Cannot reach the server.' })
      expect(visibleItems(failed).map((item) => [item.id, item.error])).toEqual([[3, 'Cannot reach the server.']])
      const done = reduce(state, { type: 'deleted', id: 3 })
      expect(done.items).toEqual([])
      expect(done.hiddenIds).toEqual([])
    })
  })
})
