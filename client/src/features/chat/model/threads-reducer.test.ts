import { describe, expect, it } from 'vitest'

import { ALICE, BOB, makeMessage } from './test-messages'
import { threadsReducer } from './threads-reducer'

describe('threadsReducer', () => {
  it('drops live events for conversations never opened, keeps them once opened', () => {
    const created = { type: 'created' as const, message: makeMessage(1), me: ALICE.id }
    let state = threadsReducer({}, { type: 'thread', peer: BOB.id, action: created })
    expect(state).toEqual({})
    state = threadsReducer(state, { type: 'thread', peer: BOB.id, action: { type: 'opened' } })
    state = threadsReducer(state, { type: 'thread', peer: BOB.id, action: created })
    expect(state[BOB.id].items.map((i) => i.id)).toEqual([1])
    expect(threadsReducer(state, { type: 'reset-all' })).toEqual({})
  })
})
