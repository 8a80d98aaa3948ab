import { act, cleanup, renderHook } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import type { Target } from '../model/types'
import { UNDO_MS, useUndoDelete } from './use-undo-delete'

const BOB: Target = { kind: 'dm', id: 2 }
const ROOM: Target = { kind: 'room', id: 5 }

function scene(openKey: string | null = 'dm:2') {
  const deps = { hide: vi.fn(), unhide: vi.fn(), commit: vi.fn(async () => {}) }
  const hook = renderHook(({ key }) => useUndoDelete({ openKey: key, ...deps }), { initialProps: { key: openKey } })
  return { ...deps, hook }
}

describe('useUndoDelete', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => {
    cleanup()
    vi.useRealTimers()
  })

  it('hides at once and sends the deletion only when the undo time is over', () => {
    const { hide, commit, hook } = scene()
    act(() => hook.result.current.schedule(BOB, 7))
    expect(hide).toHaveBeenCalledWith(BOB, 7)
    expect(hook.result.current.pending).toEqual([{ id: 7, target: BOB }])
    act(() => vi.advanceTimersByTime(UNDO_MS - 1))
    expect(commit).not.toHaveBeenCalled()
    act(() => vi.advanceTimersByTime(1))
    expect(commit).toHaveBeenCalledExactlyOnceWith(BOB, 7, false)
    expect(hook.result.current.pending).toEqual([])
  })

  it('undo shows it again and never sends it', () => {
    const { unhide, commit, hook } = scene()
    act(() => hook.result.current.schedule(BOB, 7))
    act(() => hook.result.current.undo(7))
    expect(unhide).toHaveBeenCalledWith(BOB, 7)
    act(() => vi.advanceTimersByTime(UNDO_MS * 2))
    expect(commit).not.toHaveBeenCalled()
    expect(hook.result.current.pending).toEqual([])
  })

  it('sends at once when the conversation is left, and with keepalive when the page goes away', () => {
    const { commit, hook } = scene()
    act(() => hook.result.current.schedule(BOB, 7))
    hook.rerender({ key: 'room:5' })
    expect(commit).toHaveBeenCalledExactlyOnceWith(BOB, 7, false)
    act(() => hook.result.current.schedule(ROOM, 9))
    act(() => {
      window.dispatchEvent(new Event('pagehide'))
    })
    expect(commit).toHaveBeenLastCalledWith(ROOM, 9, true)
    act(() => vi.advanceTimersByTime(UNDO_MS * 2))
    expect(commit).toHaveBeenCalledTimes(2) // each once
  })
})
