import { describe, expect, it } from 'vitest'

import { initialMessages, messagesReducer as reduce, type MessagesState } from './messages-reducer'
import { jumpStep, quoteOf } from './replies'
import { ALICE, BOB, makeMessage } from './test-messages'

const page = (ids: number[], hasMore: boolean, state: MessagesState = initialMessages) =>
  reduce(state, { type: 'page-loaded', messages: ids.map((id) => makeMessage(id)), hasMore })

const find = (state: MessagesState) => (id: number) => state.items.find((item) => item.id === id)

describe('quoteOf', () => {
  const quote = { sender: BOB, excerpt: 'the server’s excerpt' }

  it('prefers the loaded original’s current text (an edit shows)', () => {
    let state = reduce(page([3], false), { type: 'created', message: makeMessage(4, { replyTo: 3, replyQuote: quote }), me: ALICE.id })
    state = reduce(state, { type: 'updated', message: makeMessage(3, { content: 'edited original' }), position: 9 })
    expect(quoteOf(state.items[1], find(state))).toEqual({ kind: 'message', id: 3, senderId: ALICE.id, senderName: 'Alice', text: 'edited original' })
  })

  it('uses the server’s quote when the original is not loaded, else says it was removed', () => {
    const state = page([], false)
    const withQuote = reduce(state, { type: 'created', message: makeMessage(40, { replyTo: 3, replyQuote: quote }), me: ALICE.id })
    expect(quoteOf(withQuote.items[0], find(withQuote))).toEqual({ kind: 'message', id: 3, senderId: BOB.id, senderName: 'Bob', text: 'the server’s excerpt' })
    const gone = reduce(state, { type: 'created', message: makeMessage(40, { replyTo: 3, replyQuote: null }), me: ALICE.id })
    expect(quoteOf(gone.items[0], find(gone))).toEqual({ kind: 'removed', id: 3 })
  })

  it('says removed when the loaded original was deleted, and nothing for a message that replies to none', () => {
    let state = reduce(page([3], false), { type: 'created', message: makeMessage(4, { replyTo: 3, replyQuote: quote }), me: ALICE.id })
    state = reduce(state, { type: 'deleted', id: 3 })
    expect(quoteOf(state.items[1], find(state))).toEqual({ kind: 'removed', id: 3 })
    expect(quoteOf(state.items[0], find(state))).toBeNull()
  })
})

describe('jumpStep', () => {
  it('waits for the first page, then loads older pages until the message is there', () => {
    expect(jumpStep(undefined, 5, 0, 3)).toBe('wait')
    expect(jumpStep(initialMessages, 5, 0, 3)).toBe('wait')
    const first = page([100, 99], true)
    expect(jumpStep(first, 5, 0, 3)).toBe('load-older')
    expect(jumpStep(page([5, 6], true, first), 5, 1, 3)).toBe('found')
  })

  it('gives up when history is all loaded, when it is older than the oldest loaded, after the bound, or when deleted', () => {
    expect(jumpStep(page([100, 99], false), 5, 0, 3)).toBe('not-found')
    expect(jumpStep(page([100, 4], true), 5, 0, 3)).toBe('not-found') // 5 would be here: not in this conversation
    expect(jumpStep(page([100, 99], true), 5, 3, 3)).toBe('not-found')
    const deleted = reduce(page([100, 5], true), { type: 'deleted', id: 5 })
    expect(jumpStep(deleted, 5, 0, 3)).toBe('found') // a removed line is still there to show
    const hidden = reduce(page([100, 5], true), { type: 'delete-scheduled', id: 5 })
    expect(jumpStep(hidden, 5, 0, 3)).toBe('not-found')
  })
})
