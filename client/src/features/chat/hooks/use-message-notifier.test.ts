import { cleanup, renderHook } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'

import type { TabState } from '../../../hooks/use-event-source'
import { initialRooms } from '../model/rooms-reducer'
import { ALICE, BOB, makeMessage } from '../model/test-messages'
import { useMessageNotifier, type MessageNotifierInput } from './use-message-notifier'

const hidden: TabState = { visible: false, open: null }
const visible: TabState = { visible: true, open: null }
// A DM from Bob to Alice (me): notifies when nothing hinders it.
const fromBob = makeMessage(7, { sender: BOB, receiver: ALICE })

function notifier(overrides: Partial<MessageNotifierInput>) {
  const input: MessageNotifierInput = {
    me: ALICE.id,
    leader: true,
    tabs: new Map([['a', hidden]]),
    rooms: initialRooms(ALICE.id),
    permitted: () => true,
    show: vi.fn(),
    open: vi.fn(),
    ...overrides,
  }
  const { result } = renderHook(() => useMessageNotifier(input))
  result.current.ready('6')
  result.current.notify(fromBob, 7)
  return input.show
}

// Review finding 3: one notification per browser, from the leader, only when no tab is visible.
describe('useMessageNotifier', () => {
  afterEach(cleanup)

  it('notifies in the leader tab when every tab of the browser is hidden', () => {
    expect(notifier({ tabs: new Map([['a', hidden], ['b', hidden]]) })).toHaveBeenCalledTimes(1)
  })

  it('never notifies in a follower tab (the leader does)', () => {
    expect(notifier({ leader: false })).not.toHaveBeenCalled()
  })

  it('does not notify while a follower tab is visible', () => {
    expect(notifier({ tabs: new Map([['a', hidden], ['b', visible]]) })).not.toHaveBeenCalled()
  })

  it('asks for the permission when deciding', () => {
    expect(notifier({ permitted: () => false })).not.toHaveBeenCalled()
  })

  // Review finding 10: after a sleep or a hand-over the stream replays what was missed.
  it('notifies only for changes after the ready cursor, not for a replay', () => {
    const show = vi.fn()
    const input: MessageNotifierInput = { me: ALICE.id, leader: true, tabs: new Map([['a', hidden]]), rooms: initialRooms(ALICE.id), permitted: () => true, show, open: vi.fn() }
    const { result } = renderHook(() => useMessageNotifier(input))
    result.current.ready('20')
    result.current.notify(makeMessage(15, { sender: BOB, receiver: ALICE }), 15)
    result.current.notify(makeMessage(20, { sender: BOB, receiver: ALICE }), 20)
    expect(show).not.toHaveBeenCalled()
    result.current.notify(makeMessage(21, { sender: BOB, receiver: ALICE }), 21)
    expect(show).toHaveBeenCalledTimes(1)
  })
})
