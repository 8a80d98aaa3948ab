import { renderHook } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'

import { useResync } from './use-resync'

describe('useResync', () => {
  it('reloads on the first ready and on every reset; a later ready only resends', () => {
    const reload = vi.fn()
    const resend = vi.fn()
    const { result, rerender } = renderHook(() => useResync(reload, resend))
    result.current.ready()
    expect([reload.mock.calls.length, resend.mock.calls.length]).toEqual([1, 0])
    rerender()
    result.current.ready() // a reconnect that resumed
    expect([reload.mock.calls.length, resend.mock.calls.length]).toEqual([1, 1])
    result.current.reset()
    expect([reload.mock.calls.length, resend.mock.calls.length]).toEqual([2, 1])
  })
})
