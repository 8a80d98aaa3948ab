import { act, cleanup, renderHook, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'

import { initialMessages, messagesReducer, type MessagesState } from '../model/messages-reducer'
import { makeMessage } from '../model/test-messages'
import type { Target } from '../model/types'
import type { PageOutcome } from './use-conversations'
import { JUMP_NOT_FOUND, MAX_JUMP_PAGES, useJump } from './use-jump'
import type { JumpRequest } from './use-open-target'

const ROOM: Target = { kind: 'room', id: 3 }
const page = (state: MessagesState, from: number, to: number, hasMore: boolean) => {
  const messages = []
  for (let id = to; id >= from; id--) messages.push(makeMessage(id))
  return messagesReducer(state, { type: 'page-loaded', messages, hasMore })
}

// The hook over a conversation of ids 1..100 whose older pages (`size` messages each) come from
// `loadOlder`, as the server would answer them.
function scene(request: JumpRequest, size = 10) {
  let state = initialMessages
  const loadOlder = vi.fn(async (): Promise<PageOutcome> => {
    await Promise.resolve()
    const oldest = state.items[0].id!
    state = page(state, Math.max(1, oldest - size), oldest - 1, oldest - size > 1)
    act(() => hook.rerender({ messages: state }))
    return 'loaded'
  })
  const hook = renderHook(({ messages }) => useJump(ROOM, request, messages, loadOlder), { initialProps: { messages: state as MessagesState | undefined } })
  const firstPage = () => {
    state = page(state, 101 - size, 100, true)
    act(() => hook.rerender({ messages: state }))
  }
  return { hook, loadOlder, firstPage }
}

describe('useJump', () => {
  afterEach(cleanup)

  it('loads older pages until the message is there, then asks to show it', async () => {
    const { hook, loadOlder, firstPage } = scene({ target: ROOM, messageId: 55, seq: 1 })
    expect(hook.result.current.focus).toBeNull()
    firstPage()
    await waitFor(() => expect(hook.result.current.focus).toEqual({ id: 55, seq: 1 }))
    expect(loadOlder).toHaveBeenCalledTimes(4) // 81-90, 71-80, 61-70, 51-60
    expect(hook.result.current.notice).toBeNull()
  })

  it('shows a loaded message without loading anything', async () => {
    const { hook, loadOlder, firstPage } = scene({ target: ROOM, messageId: 95, seq: 2 })
    firstPage()
    await waitFor(() => expect(hook.result.current.focus).toEqual({ id: 95, seq: 2 }))
    expect(loadOlder).not.toHaveBeenCalled()
  })

  it('says "not found" after MAX_JUMP_PAGES pages', async () => {
    const { hook, loadOlder, firstPage } = scene({ target: ROOM, messageId: 1, seq: 3 }, 2)
    firstPage()
    await waitFor(() => expect(hook.result.current.notice).toBe(JUMP_NOT_FOUND))
    expect(loadOlder).toHaveBeenCalledTimes(MAX_JUMP_PAGES)
    expect(hook.result.current.focus).toBeNull()
  })

  it('says so when a page cannot be loaded', async () => {
    const { hook, loadOlder, firstPage } = scene({ target: ROOM, messageId: 1, seq: 4 })
    loadOlder.mockImplementation(async () => 'failed')
    firstPage()
    await waitFor(() => expect(hook.result.current.notice).toBe('The message could not be loaded. Try again.'))
  })

  it('says "not found" for a message deleted, or older than the start of this conversation', async () => {
    const loadOlder = vi.fn(async (): Promise<PageOutcome> => 'loaded')
    const deleted = messagesReducer(page(initialMessages, 91, 100, true), { type: 'deleted', id: 95 })
    const gone = renderHook(() => useJump(ROOM, { target: ROOM, messageId: 95, seq: 5 }, { ...deleted, items: deleted.items.filter((i) => i.id !== 95) }, loadOlder))
    await waitFor(() => expect(gone.result.current.notice).toBe(JUMP_NOT_FOUND))
    const all = page(initialMessages, 91, 100, false)
    const before = renderHook(() => useJump(ROOM, { target: ROOM, messageId: 50, seq: 6 }, all, loadOlder))
    await waitFor(() => expect(before.result.current.notice).toBe(JUMP_NOT_FOUND))
    expect(loadOlder).not.toHaveBeenCalled()
  })

  it('waits while another conversation is shown', () => {
    const loadOlder = vi.fn(async (): Promise<PageOutcome> => 'loaded')
    const state = page(initialMessages, 91, 100, true)
    const hook = renderHook(() => useJump({ kind: 'dm', id: 9 }, { target: ROOM, messageId: 50, seq: 7 }, state, loadOlder))
    expect(loadOlder).not.toHaveBeenCalled()
    expect(hook.result.current.focus).toBeNull()
  })
})
