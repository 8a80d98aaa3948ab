// The chat screen with presence, typing, Seen and notifications: the server is faked at fetch and
// the stream is scripted.
import { TYPING_EXPIRY_MS } from '@payload-chat/server/protocol'
import { act, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'

import { FakeEventSource, useFakeStream } from '../../../test/fake-event-source'
import { ALICE, BOB, makeMessage, makeRoomSummary } from '../model/test-messages'
import { ChatScreen } from './chat-screen'

const CAROL = { id: 3, name: 'Carol' }
const GENERAL = { id: 1, name: 'general' }
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
const mine = (id: number) => makeMessage(id, { sender: ALICE, receiver: BOB, content: `mine ${id}` })

function fakeServer() {
  const calls: { method: string; url: string; body: unknown }[] = []
  const fetchMock = vi.fn(async (url: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET'
    calls.push({ method, url, body: init.body ? JSON.parse(String(init.body)) : undefined })
    if (url.startsWith('/api/users')) return json({ docs: [ALICE, BOB, CAROL], hasNextPage: false })
    if (url === '/api/messages/conversations') {
      return json({ conversations: [{ user: BOB, lastMessage: mine(5), unread: 0, lastReadId: 0, peerLastReadId: 4 }] })
    }
    if (url === '/api/rooms') return json({ rooms: [makeRoomSummary(GENERAL)] })
    if (url.startsWith('/api/blocks?')) return json({ docs: [], hasNextPage: false })
    if (/^\/api\/rooms\/\d+\/members$/.test(url)) return json({ members: [{ ...ALICE, role: 'member' }, { ...BOB, role: 'member' }] })
    if (method === 'POST' && url === '/api/rooms/1/notify') {
      const { notify } = JSON.parse(String(init.body))
      return json({ room: makeRoomSummary(GENERAL, { notify }) })
    }
    if (url.startsWith('/api/presence?')) return json({ presence: [{ user: BOB.id, status: 'online', lastSeen: null }] })
    if (method === 'POST' && (url === '/api/typing' || url === '/api/presence')) return new Response(null, { status: 204 })
    if (url === '/api/messages/read') return json({ peer: BOB.id, lastReadId: 5 })
    if (url.startsWith('/api/messages?')) return json({ docs: [mine(5), mine(4), mine(3)], hasNextPage: false })
    return json({ errors: [{ message: 'not found' }] }, 404)
  })
  return { fetchMock, calls }
}

const WAIT = { timeout: 5000 }
const stream = () => FakeEventSource.instances[FakeEventSource.instances.length - 1]
const emit = (type: string, data: unknown, id = '') => act(() => stream().emit(type, JSON.stringify(data), id))
const renderChat = () => render(<ChatScreen user={{ ...ALICE, email: 'alice@example.com' }} onLogout={vi.fn()} onLoggedOut={vi.fn()} />)
const goLive = () => {
  act(() => stream().open())
  emit('ready', { cursor: '10', user: ALICE.id }, '10')
}
const row = (text: string) => screen.getByText(text).closest('li')!

describe('ChatScreen: presence, typing, Seen', () => {
  useFakeStream('#/c/2')
  afterEach(() => vi.useRealTimers())

  it('shows who is online from the snapshot, then live; says it in words', async () => {
    const server = fakeServer()
    vi.stubGlobal('fetch', server.fetchMock)
    renderChat()
    goLive()
    const people = await screen.findByRole('list', { name: 'Direct messages' }, WAIT)
    const bob = await within(people).findByRole('button', { name: /^Bob/, description: /online/ }, WAIT)
    expect(server.calls.some((c) => c.url.startsWith('/api/presence?users=2') || c.url.startsWith('/api/presence?users=2%2C3'))).toBe(true)
    emit('presence', { user: BOB.id, status: 'away', lastSeen: '2026-01-01T12:00:00.000Z' })
    expect(within(bob).getByTitle('away')).toBeTruthy()
    expect((await screen.findByTestId('peer-presence', {}, WAIT)).textContent).toContain('away')
    emit('presence', { user: BOB.id, status: 'offline', lastSeen: new Date(Date.now() - 5 * 60_000).toISOString() })
    expect(bob.getAttribute('aria-describedby')).toContain('presence-2')
    expect(document.getElementById('presence-2')!.textContent).toBe('offline, last seen 5 min ago')
  })

  it('shows "Seen" under your last message the other person read, moving live with `read` events', async () => {
    vi.stubGlobal('fetch', fakeServer().fetchMock)
    renderChat()
    goLive()
    await screen.findByText('mine 5', {}, WAIT)
    await vi.waitFor(() => expect(within(row('mine 4')).queryByText('Seen')).toBeTruthy(), WAIT)
    expect(within(row('mine 5')).queryByText('Seen')).toBeNull()
    emit('read', { peer: BOB.id, lastReadId: 5 }, '11')
    expect(within(row('mine 5')).getByText('Seen')).toBeTruthy()
    expect(screen.getAllByText('Seen')).toHaveLength(1)
  })

  it('shows who is typing until their message arrives or the typing runs out, and tells the server while you type', async () => {
    const server = fakeServer()
    vi.stubGlobal('fetch', server.fetchMock)
    renderChat()
    goLive()
    await screen.findByText('mine 5', {}, WAIT)
    const line = screen.getByTestId('typing')
    expect(line.getAttribute('aria-live')).toBe('polite')
    emit('typing', { user: BOB.id, receiver: ALICE.id, room: null })
    expect(line.textContent).toBe('Bob is typing…')
    emit('typing', { user: CAROL.id, receiver: ALICE.id, room: null }) // another conversation
    expect(line.textContent).toBe('Bob is typing…')
    emit('message.created', makeMessage(6, { sender: BOB, receiver: ALICE, content: 'hi' }), '11')
    expect(line.textContent).toBe('')

    vi.useFakeTimers({ shouldAdvanceTime: true })
    emit('typing', { user: BOB.id, receiver: ALICE.id, room: null })
    expect(line.textContent).toBe('Bob is typing…')
    // Each expiry schedules the next once React has rendered: step the clock past both.
    await act(async () => vi.advanceTimersByTime(TYPING_EXPIRY_MS - 1000))
    expect(line.textContent).toBe('Bob is typing…')
    await act(async () => vi.advanceTimersByTime(1050))
    await act(async () => vi.advanceTimersByTime(10))
    expect(line.textContent).toBe('')
    vi.useRealTimers()

    await userEvent.type(screen.getByLabelText('Message'), 'hello there')
    const typings = server.calls.filter((c) => c.method === 'POST' && c.url === '/api/typing')
    expect(typings).toEqual([{ method: 'POST', url: '/api/typing', body: { receiver: BOB.id } }])
  })

  it('sets a room’s notification level from its header', async () => {
    window.history.replaceState(null, '', '#/room/1')
    const server = fakeServer()
    vi.stubGlobal('fetch', server.fetchMock)
    renderChat()
    goLive()
    const level = (await screen.findByLabelText('Notify', {}, WAIT)) as HTMLSelectElement
    expect(level.value).toBe('mentions')
    await userEvent.selectOptions(level, 'All messages')
    await vi.waitFor(() => expect(level.value).toBe('all'), WAIT)
    expect(server.calls.filter((c) => c.url === '/api/rooms/1/notify')).toEqual([{ method: 'POST', url: '/api/rooms/1/notify', body: { notify: 'all' } }])
  })
})
