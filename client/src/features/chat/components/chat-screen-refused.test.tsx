// A 401 from one request is not a logout: the screen asks /api/users/me first, and leaves the
// chat only when the server says nobody is logged in; otherwise it shows why the request failed.
import { act, cleanup, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { FakeEventSource } from '../../../test/fake-event-source'
import { ALICE, BOB } from '../model/test-messages'
import { ChatScreen } from './chat-screen'

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
const refused = () => json({ errors: [{ message: 'You are not allowed to perform this action.' }] }, 401)

// Every write is refused with 401; `/api/users/me` answers `me` (null: logged out).
function serverRefusingWrites(me: typeof ALICE | null) {
  return vi.fn(async (url: string, init: RequestInit = {}) => {
    if (url === '/api/users/me') return json({ user: me })
    if ((init.method ?? 'GET') !== 'GET') return refused()
    if (url.startsWith('/api/users')) return json({ docs: [ALICE, BOB], hasNextPage: false })
    if (url.startsWith('/api/messages?')) return json({ docs: [], hasNextPage: false })
    return json({ errors: [{ message: 'not found' }] }, 404)
  })
}

async function sendToBob(onLoggedOut: () => void) {
  render(<ChatScreen user={{ ...ALICE, email: 'alice@example.com' }} onLogout={vi.fn()} onLoggedOut={onLoggedOut} />)
  const stream = FakeEventSource.instances[FakeEventSource.instances.length - 1]
  act(() => stream.open())
  act(() => stream.emit('ready', JSON.stringify({ cursor: '0' }), '0'))
  const people = await screen.findByRole('navigation', { name: 'People' })
  await userEvent.click(await within(people).findByRole('button', { name: 'Bob' }))
  await userEvent.type(screen.getByLabelText('Message'), 'hello Bob{Enter}')
}

describe('ChatScreen on a refused request (401)', () => {
  beforeEach(() => {
    window.history.replaceState(null, '', '#/')
    FakeEventSource.instances = []
    vi.stubGlobal('EventSource', FakeEventSource)
  })
  afterEach(() => {
    cleanup()
    vi.unstubAllGlobals()
  })

  it('stays in the chat and says what went wrong while the session is alive', async () => {
    const fetchMock = serverRefusingWrites(ALICE)
    vi.stubGlobal('fetch', fetchMock)
    const onLoggedOut = vi.fn()
    await sendToBob(onLoggedOut)
    const alert = await screen.findByRole('alert', {}, { timeout: 3000 })
    expect(alert.textContent).toMatch(/not allowed.*although you are logged in/)
    expect(fetchMock.mock.calls.some(([url]) => url === '/api/users/me')).toBe(true)
    expect(onLoggedOut).not.toHaveBeenCalled()
    expect(within(screen.getByRole('log')).getByText('hello Bob')).toBeTruthy()
  })

  it('goes back to the login form when the server says nobody is logged in', async () => {
    vi.stubGlobal('fetch', serverRefusingWrites(null))
    const onLoggedOut = vi.fn()
    await sendToBob(onLoggedOut)
    await vi.waitFor(() => expect(onLoggedOut).toHaveBeenCalled())
  })
})
