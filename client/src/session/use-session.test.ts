import { act, cleanup, renderHook, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'

import { useSession } from './use-session'

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status })
const ALICE = { id: 1, name: 'Alice', email: 'alice@example.com' }

describe('useSession', () => {
  afterEach(() => {
    cleanup()
    vi.unstubAllGlobals()
  })

  it('is signed in when the server knows the cookie, anonymous when it does not', async () => {
    vi.stubGlobal('fetch', async () => json({ user: ALICE }))
    const signedIn = renderHook(() => useSession())
    expect(signedIn.result.current.session).toEqual({ state: 'checking' })
    await waitFor(() => expect(signedIn.result.current.session).toEqual({ state: 'signed-in', user: ALICE }))

    vi.stubGlobal('fetch', async () => json({ user: null }))
    const anonymous = renderHook(() => useSession())
    await waitFor(() => expect(anonymous.result.current.session).toEqual({ state: 'anonymous' }))
  })

  it('starts anonymous when the account was suspended since (its /me is refused 403)', async () => {
    const body = { errors: [{ message: 'This account is suspended.', data: { suspendedUntil: null } }] }
    vi.stubGlobal('fetch', async () => json(body, 403))
    const { result } = renderHook(() => useSession())
    await waitFor(() => expect(result.current.session).toEqual({ state: 'anonymous' }))
  })

  it('says the server is unreachable, and checks again when asked', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch')
    })
    const { result } = renderHook(() => useSession())
    await waitFor(() => expect(result.current.session).toEqual({ state: 'unreachable' }))
    vi.stubGlobal('fetch', async () => json({ user: ALICE }))
    act(() => result.current.check())
    await waitFor(() => expect(result.current.session).toEqual({ state: 'signed-in', user: ALICE }))
  })

  it('logs out even when the log-out request fails', async () => {
    const fetchMock = vi.fn(async (url: string) => (url === '/api/users/me' ? json({ user: ALICE }) : json({ errors: [{ message: 'down' }] }, 503)))
    vi.stubGlobal('fetch', fetchMock)
    const { result } = renderHook(() => useSession())
    await waitFor(() => expect(result.current.session.state).toBe('signed-in'))
    act(() => result.current.logOut())
    await waitFor(() => expect(result.current.session).toEqual({ state: 'anonymous' }))
    expect(fetchMock.mock.calls.map(([url]) => url)).toContain('/api/users/logout')
  })
})
