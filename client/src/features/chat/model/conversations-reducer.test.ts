import { describe, expect, it } from 'vitest'

import { ALICE, BOB, makeMessage } from './test-messages'
import { conversationsReducer } from './conversations-reducer'

describe('conversationsReducer', () => {
  it('drops live events for conversations never opened, keeps them once opened, and keeps local sends over a reset', () => {
    const created = { type: 'created' as const, message: makeMessage(1), me: ALICE.id }
    let state = conversationsReducer({}, { type: 'conversation', key: 'dm:2', action: created })
    expect(state).toEqual({})
    state = conversationsReducer(state, { type: 'conversation', key: 'dm:2', action: { type: 'opened' } })
    state = conversationsReducer(state, { type: 'conversation', key: 'dm:2', action: created })
    expect(state['dm:2'].items.map((i) => i.id)).toEqual([1])
    state = conversationsReducer(state, {
      type: 'conversation',
      key: 'dm:2',
      action: { type: 'send-started', tempId: 't', sender: ALICE, target: { kind: 'dm', id: BOB.id }, content: 'hi', at: '2026-01-01T00:00:00Z' },
    })
    state = conversationsReducer(state, { type: 'reset-all' })
    expect(state['dm:2'].loaded).toBe(false)
    expect(state['dm:2'].items.map((i) => i.tempId)).toEqual(['t'])
  })
})
