import { act, cleanup, renderHook } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'

import { messagesReducer, initialMessages } from '../model/messages-reducer'
import { initialPeople, peopleReducer } from '../model/people-reducer'
import { ALICE, BOB, makeMessage } from '../model/test-messages'
import { useReadMarking } from './use-read-marking'

const BOB_DM = { kind: 'dm', id: BOB.id } as const
const fromBob = (id: number) => makeMessage(id, { sender: BOB, receiver: ALICE })
const messages = messagesReducer(initialMessages, { type: 'page-loaded', messages: [fromBob(4), fromBob(3)], hasMore: false })
const entry = peopleReducer(initialPeople(ALICE.id), {
  type: 'loaded',
  users: [ALICE, BOB],
  summaries: [{ user: BOB, lastMessage: fromBob(4), unread: 2, lastReadId: 2, peerLastReadId: 0 }],
}).byId[BOB.id]

const setVisibility = (state: 'visible' | 'hidden') => {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state })
  document.dispatchEvent(new Event('visibilitychange'))
}

describe('useReadMarking', () => {
  afterEach(() => {
    cleanup()
    setVisibility('visible')
  })

  it('marks the open conversation read up to its newest message only while it is seen', () => {
    const read = vi.fn()
    setVisibility('hidden')
    const { result } = renderHook(() => useReadMarking({ openTarget: BOB_DM, messages, counts: entry, read }))
    expect(result.current.readingTarget).toBeNull()
    act(() => result.current.setAtBottom(false)) // scrolled up into history
    act(() => setVisibility('visible'))
    expect(result.current.readingTarget).toBeNull()
    expect(read).not.toHaveBeenCalled()

    act(() => result.current.setAtBottom(true))
    expect(result.current.readingTarget).toEqual(BOB_DM)
    expect(read).toHaveBeenCalledWith(BOB_DM, 4)
  })
})
