import { describe, expect, it } from 'vitest'

import { ALICE, BOB, makeMessage } from './test-messages'
import { conversationsReducer } from './conversations-reducer'

describe('conversationsReducer', () => {
  it('drops live events for conversations never opened, keeps them once opened, and keeps local sends over a reset', () => {
    const created = { type: 'created' as const, message: makeMessage(1), me: ALICE.id }
    let state = conversationsReducer({}, { type: 'conversation', peer: BOB.id, action: created })
    expect(state).toEqual({})
    state = conversationsReducer(state, { type: 'conversation', peer: BOB.id, action: { type: 'opened' } })
    state = conversationsReducer(state, { type: 'conversation', peer: BOB.id, action: created })
    expect(state[BOB.id].items.map((i) => i.id)).toEqual([1])
    state = conversationsReducer(state, {
      type: 'conversation',
      peer: BOB.id,
      action: { type: 'send-started', tempId: 't', senderId: ALICE.id, receiverId: BOB.id, content: 'hi', at: '2026-01-01T00:00:00Z' },
    })
    state = conversationsReducer(state, { type: 'reset-all' })
    expect(state[BOB.id].loaded).toBe(false)
    expect(state[BOB.id].items.map((i) => i.tempId)).toEqual(['t'])
  })
})
