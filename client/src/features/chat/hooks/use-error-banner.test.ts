import { act, cleanup, renderHook } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'

import { ApiError } from '../../../lib/api-client'
import { useErrorBanner } from './use-error-banner'

const me = (user: unknown) => vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ user })))

describe('useErrorBanner', () => {
  afterEach(() => {
    cleanup()
    vi.unstubAllGlobals()
  })

  it('clears a network failure once the server is reachable, and keeps any other error', () => {
    const { result } = renderHook(() => useErrorBanner(vi.fn()))
    act(() => result.current.report(new ApiError(0, ['Cannot reach the server.'])))
    expect(result.current.message).toBe('Cannot reach the server.')
    act(() => result.current.networkRestored())
    expect(result.current.message).toBeNull()
    act(() => result.current.report(new ApiError(400, ['Content is too long.'])))
    act(() => result.current.networkRestored())
    expect(result.current.message).toBe('Content is too long.')
    act(() => result.current.dismiss())
    expect(result.current.message).toBeNull()
  })

  it('logs out on a 401 only when the server confirms nobody is logged in', async () => {
    const onLoggedOut = vi.fn()
    const { result } = renderHook(() => useErrorBanner(onLoggedOut))
    me({ id: 1, name: 'Alice', email: 'alice@example.com' })
    await act(async () => result.current.report(new ApiError(401, ['Unauthorized'])))
    await vi.waitFor(() => expect(result.current.message).toMatch(/refused by the server although you are logged in/))
    expect(onLoggedOut).not.toHaveBeenCalled()

    me(null)
    await act(async () => result.current.report(new ApiError(401, ['Unauthorized'])))
    await vi.waitFor(() => expect(onLoggedOut).toHaveBeenCalledTimes(1))
  })

  it('logs out a suspended account: its request and its /me are refused 403 as suspended', async () => {
    const onLoggedOut = vi.fn()
    const { result } = renderHook(() => useErrorBanner(onLoggedOut))
    const body = { errors: [{ message: 'This account is suspended.', data: { suspendedUntil: null } }] }
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify(body), { status: 403 }))
    await act(async () => result.current.report(new ApiError(403, ['This account is suspended.'], null, { suspendedUntil: null })))
    await vi.waitFor(() => expect(onLoggedOut).toHaveBeenCalledTimes(1))
    expect(result.current.message).toBeNull()
  })
})
