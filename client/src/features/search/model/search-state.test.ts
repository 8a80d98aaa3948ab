import type { SearchHit, StreamMessage } from '@payload-chat/server/protocol'
import { describe, expect, it } from 'vitest'

import { groupHits, initialSearch, searchReducer, type SearchState } from './search-state'

const ALICE = { id: 1, name: 'Alice' }
const BOB = { id: 2, name: 'Bob' }
const CAROL = { id: 3, name: 'Carol' }
const GENERAL = { id: 7, name: 'general' }

function hit(id: number, fields: Partial<StreamMessage>): SearchHit {
  const message: StreamMessage = {
    id,
    sender: ALICE,
    receiver: null,
    room: null,
    content: `message ${id}`,
    replyTo: null,
    replyQuote: null,
    reactions: [],
    attachments: [],
    mentions: [],
    mentionsRoom: false,
    editedByModerator: false,
    timestamp: '2026-11-29T10:00:00.000Z',
    updatedAt: '2026-11-29T10:00:00.000Z',
    createdAt: '2026-11-29T10:00:00.000Z',
    ...fields,
  }
  return { message, snippet: [{ text: message.content, match: false }] }
}

const asked = (q: string) => searchReducer(initialSearch, { type: 'asked', q })
const ids = (state: SearchState) => state.hits.map((h) => h.message.id)

describe('searchReducer', () => {
  it('shows the answer to the query asked, and ignores a late answer to an earlier one', () => {
    let state = asked('pine')
    expect(state).toMatchObject({ q: 'pine', status: 'loading', hits: [] })
    state = searchReducer(state, { type: 'asked', q: 'pineapple' })
    state = searchReducer(state, { type: 'loaded', q: 'pine', response: { docs: [hit(1, {})], page: 1, hasNextPage: false } })
    expect(state.status).toBe('loading')
    state = searchReducer(state, { type: 'loaded', q: 'pineapple', response: { docs: [hit(2, {})], page: 1, hasNextPage: true } })
    expect(state).toMatchObject({ q: 'pineapple', status: 'loaded', page: 1, hasNextPage: true })
    expect(ids(state)).toEqual([2])
  })

  it('appends later pages, each message once', () => {
    let state = searchReducer(asked('x'), { type: 'loaded', q: 'x', response: { docs: [hit(5, {}), hit(4, {})], page: 1, hasNextPage: true } })
    state = searchReducer(state, { type: 'more' })
    expect(state.loadingMore).toBe(true)
    state = searchReducer(state, { type: 'loaded', q: 'x', response: { docs: [hit(4, {}), hit(3, {})], page: 2, hasNextPage: false } })
    expect(ids(state)).toEqual([5, 4, 3])
    expect(state).toMatchObject({ page: 2, hasNextPage: false, loadingMore: false })
    // Nothing more to load: "more" changes nothing.
    expect(searchReducer(state, { type: 'more' })).toBe(state)
  })

  it('a failed first page says why; a failed "more" keeps the hits', () => {
    const failed = searchReducer(asked('x'), { type: 'failed', q: 'x', error: 'Cannot reach the server.' })
    expect(failed).toMatchObject({ status: 'failed', error: 'Cannot reach the server.', hits: [] })
    let state = searchReducer(asked('x'), { type: 'loaded', q: 'x', response: { docs: [hit(5, {})], page: 1, hasNextPage: true } })
    state = searchReducer(searchReducer(state, { type: 'more' }), { type: 'failed', q: 'x', error: 'Too many requests' })
    expect(state).toMatchObject({ status: 'loaded', loadingMore: false, error: 'Too many requests' })
    expect(ids(state)).toEqual([5])
    expect(searchReducer(state, { type: 'failed', q: 'other', error: 'late' })).toBe(state)
  })

  it('clears', () => {
    expect(searchReducer(asked('x'), { type: 'cleared' })).toEqual(initialSearch)
  })
})

describe('groupHits', () => {
  it('groups by conversation in the order of each one’s best hit, named by the peer or the room', () => {
    const hits = [
      hit(10, { sender: BOB, receiver: ALICE }),
      hit(11, { sender: CAROL, room: GENERAL }),
      hit(12, { sender: ALICE, receiver: BOB }),
      hit(13, { sender: ALICE, receiver: ALICE }),
      hit(14, { sender: ALICE, receiver: CAROL }),
    ]
    const groups = groupHits(hits, ALICE.id)
    expect(groups.map((g) => [g.key, g.title, g.hits.map((h) => h.message.id)])).toEqual([
      ['dm:2', 'Bob', [10, 12]],
      ['room:7', '#general', [11]],
      ['dm:1', 'Alice (you)', [13]],
      ['dm:3', 'Carol', [14]],
    ])
    expect(groups.map((g) => g.conversation)).toEqual([
      { kind: 'dm', id: 2 },
      { kind: 'room', id: 7 },
      { kind: 'dm', id: 1 },
      { kind: 'dm', id: 3 },
    ])
  })
})
