import { describe, expect, it } from 'vitest'

import { ALICE, BOB, makeMessage } from './test-messages'
import { threadsReducer } from './threads-reducer'

describe('threadsReducer', () => {
  it('drops live events for conversations never opened, keeps them once opened, and keeps local sends over a reset', () => {
    const created = { type: 'created' as const, message: makeMessage(1), me: ALICE.id }
    let state = threadsReducer({}, { type: 'thread', peer: BOB.id, action: created })
    expect(state).toEqual({})
    state = threadsReducer(state, { type: 'thread', peer: BOB.id, action: { type: 'opened' } })
    state = threadsReducer(state, { type: 'thread', peer: BOB.id, action: created })
    expect(state[BOB.id].items.map((i) => i.id)).toEqual([1])
    state = threadsReducer(state, {
      type: 'thread',
      peer: BOB.id,
      action: { type: 'send-started', tempId: 't', senderId: ALICE.id, receiverId: BOB.id, content: 'hi', at: '2026-01-01T00:00:00Z' },
    })
    state = threadsReducer(state, { type: 'reset-all' })
    expect(state[BOB.id].loaded).toBe(false)
    expect(state[BOB.id].items.map((i) => i.tempId)).toEqual(['t'])
  })
})
