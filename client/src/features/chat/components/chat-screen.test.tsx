import { act, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'

import { FakeEventSource, useFakeStream } from '../../../test/fake-event-source'
import { ALICE, BOB, makeMessage } from '../model/test-messages'
import { ChatScreen } from './chat-screen'

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })

// The server, as far as this screen is concerned; the POST of a message answers when told to.
function fakeServer() {
  let answerPost: (response: Response) => void = () => {}
  const calls: { method: string; url: string; body: unknown }[] = []
  const fetchMock = vi.fn(async (url: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET'
    calls.push({ method, url, body: init.body ? JSON.parse(String(init.body)) : undefined })
    if (url.startsWith('/api/users')) return json({ docs: [ALICE, BOB], hasNextPage: false })
    if (url === '/api/messages/conversations') return json({ error: 'missing' }, 404) // degrade: no summaries
    if (url === '/api/rooms') return json({ rooms: [] })
    if (url.startsWith('/api/blocks?')) return json({ docs: [], hasNextPage: false })
    if (url === '/api/messages/read') return json({ peer: BOB.id, lastReadId: 0 })
    if (method === 'POST' && url === '/api/messages') return new Promise<Response>((resolve) => (answerPost = resolve))
    if (url.startsWith('/api/messages?')) return json({ docs: [], hasNextPage: false })
    return json({ errors: [{ message: 'not found' }] }, 404)
  })
  const posts = () => calls.filter((c) => c.method === 'POST' && c.url === '/api/messages')
  return { fetchMock, calls, posts, answerPost: (response: Response) => answerPost(response) }
}

const stream = () => FakeEventSource.instances[FakeEventSource.instances.length - 1]
const emit = (type: string, data: unknown, id: string) => act(() => stream().emit(type, JSON.stringify(data), id))
const log = () => screen.getByRole('log')
const renderChat = (onLoggedOut = vi.fn()) =>
  render(<ChatScreen user={{ ...ALICE, email: 'alice@example.com' }} onLogout={vi.fn()} onLoggedOut={onLoggedOut} />)
// The stream opens and says `ready`: the screen loads people and conversations from REST.
const goLive = () => {
  act(() => stream().open())
  emit('ready', { cursor: '0', user: ALICE.id }, '0')
}
// Opens the (empty) conversation with Bob; returns the people list.
async function openBob() {
  const people = await screen.findByRole('navigation', { name: 'Chats' })
  await userEvent.click(await within(people).findByRole('button', { name: 'Bob' }))
  await screen.findByText('No messages yet. Say hello!')
  return people
}

describe('ChatScreen', () => {
  useFakeStream()

  it("keeps each conversation's unsent text while another one is open", async () => {
    vi.stubGlobal('fetch', fakeServer().fetchMock)
    renderChat()
    goLive()
    const people = await openBob()
    await userEvent.type(screen.getByLabelText('Message'), 'half a thought for Bob')
    await userEvent.click(within(people).getByRole('button', { name: /^Alice/ }))
    expect(screen.getByLabelText('Message')).toHaveProperty('value', '')
    await userEvent.click(within(people).getByRole('button', { name: 'Bob' }))
    expect(screen.getByLabelText('Message')).toHaveProperty('value', 'half a thought for Bob')
  })

  it('shows a send once when the stream echoes it before the POST answers, and live events after', async () => {
    const server = fakeServer()
    vi.stubGlobal('fetch', server.fetchMock)
    renderChat()
    act(() => stream().open())
    expect(screen.getByText('Live')).toBeTruthy()
    emit('ready', { cursor: '0', user: ALICE.id }, '0')
    await openBob()

    await userEvent.type(screen.getByLabelText('Message'), 'hello Bob{Enter}')
    expect(within(log()).getByText('hello Bob')).toBeTruthy()
    expect(within(log()).getByText(/Sending/)).toBeTruthy()

    const sent = makeMessage(10, { content: 'hello Bob' })
    emit('message.created', sent, '10') // the echo, before the POST answer
    emit('message.created', sent, '10') // and a replay of it
    expect(within(log()).getAllByText('hello Bob')).toHaveLength(1)
    expect(within(log()).queryByText(/Sending/)).toBeNull()
    await act(async () => server.answerPost(json({ doc: sent }, 201)))
    expect(within(log()).getAllByText('hello Bob')).toHaveLength(1)

    emit('message.created', makeMessage(11, { sender: BOB, receiver: ALICE, content: 'hi Alice' }), '11')
    expect(within(log()).getByText('hi Alice')).toBeTruthy()
    await vi.waitFor(() =>
      expect(server.calls.some((c) => c.url === '/api/messages/read' && (c.body as { upTo: number }).upTo === 11)).toBe(true),
    )

    emit('message.deleted', { id: 11, sender: BOB.id, receiver: ALICE.id, room: null }, '12')
    expect(within(log()).queryByText('hi Alice')).toBeNull()
    expect(within(log()).getByText('This message was removed')).toBeTruthy()
  })

  it("says so when a moderator edits or removes someone's message live", async () => {
    vi.stubGlobal('fetch', fakeServer().fetchMock)
    renderChat()
    goLive()
    await openBob()
    emit('message.created', makeMessage(11, { sender: BOB, receiver: ALICE, content: 'buy cheap pills' }), '11')
    const edited = { editedAt: new Date().toISOString(), editedByModerator: true }
    emit('message.updated', makeMessage(11, { sender: BOB, receiver: ALICE, content: '[link removed]', ...edited }), '12')
    expect(within(log()).getByText(/edited by a moderator/)).toBeTruthy()
    emit('message.deleted', { id: 11, sender: BOB.id, receiver: ALICE.id, room: null, by: 'moderator' }, '13')
    expect(within(log()).queryByText('[link removed]')).toBeNull()
    expect(within(log()).getByText('Removed by a moderator')).toBeTruthy()
  })

  it('marks a failed send and retries it', async () => {
    const server = fakeServer()
    vi.stubGlobal('fetch', server.fetchMock)
    renderChat()
    goLive()
    await openBob()
    await userEvent.type(screen.getByLabelText('Message'), 'are you there?{Enter}')
    await act(async () => server.answerPost(json({ errors: [{ message: 'The server is restarting' }] }, 503)))
    expect(within(log()).getByText(/Not sent: The server is restarting/)).toBeTruthy()

    await userEvent.click(screen.getByRole('button', { name: 'Retry' }))
    expect(within(log()).getByText(/Sending/)).toBeTruthy()
    await act(async () => server.answerPost(json({ doc: makeMessage(20, { content: 'are you there?' }) }, 201)))
    expect(within(log()).queryByText(/Sending|Not sent/)).toBeNull()
    expect(within(log()).getAllByText('are you there?')).toHaveLength(1)
  })

  it('sends one at a time in the order written, waiting out a rate limit instead of failing', async () => {
    const server = fakeServer()
    vi.stubGlobal('fetch', server.fetchMock)
    renderChat()
    goLive()
    await openBob()
    await userEvent.type(screen.getByLabelText('Message'), 'first{Enter}')
    await userEvent.type(screen.getByLabelText('Message'), 'second{Enter}')
    const posted = () => server.posts().map((c) => (c.body as { content: string }).content)
    expect(posted()).toEqual(['first'])

    const limited = new Response(JSON.stringify({ errors: [{ message: 'Too many messages' }] }), {
      status: 429,
      headers: { 'Content-Type': 'application/json', 'Retry-After': '1' },
    })
    await act(async () => server.answerPost(limited))
    expect(within(log()).queryByText(/Not sent/)).toBeNull()
    await vi.waitFor(() => expect(posted()).toEqual(['first', 'first']), { timeout: 3000 })
    await act(async () => server.answerPost(json({ doc: makeMessage(30, { content: 'first' }) }, 201)))
    await vi.waitFor(() => expect(posted()).toEqual(['first', 'first', 'second']))
    await act(async () => server.answerPost(json({ doc: makeMessage(31, { content: 'second' }) }, 201)))
    expect(within(log()).queryByText(/Sending|Not sent/)).toBeNull()
  })

  it('clears a could-not-reach-the-server error once the stream is live again', async () => {
    const server = fakeServer()
    let offline = true
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      if (offline && url.startsWith('/api/users')) throw new TypeError('Failed to fetch')
      return server.fetchMock(url, init)
    })
    renderChat()
    goLive()
    expect((await screen.findByRole('alert')).textContent).toMatch(/Cannot reach the server/)
    offline = false
    act(() => stream().fail(false)) // the browser reconnects the stream by itself
    act(() => stream().open())
    await vi.waitFor(() => expect(screen.queryByRole('alert')).toBeNull())
  })

  it('resends a message that failed for want of the server once the stream is back', async () => {
    const server = fakeServer()
    let reachable = true
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      if (!reachable && init?.method === 'POST') throw new TypeError('Failed to fetch')
      return server.fetchMock(url, init)
    })
    renderChat()
    goLive()
    await openBob()

    reachable = false
    await userEvent.type(screen.getByLabelText('Message'), 'written offline{Enter}')
    expect(await within(log()).findByText(/Not sent: Cannot reach the server/)).toBeTruthy()
    expect(server.posts()).toHaveLength(0)

    reachable = true
    act(() => stream().fail(false))
    goLive()
    await vi.waitFor(() => expect(server.posts()).toHaveLength(1))
    expect((server.posts()[0].body as { clientId: string }).clientId).toBeTruthy()
    await act(async () => server.answerPost(json({ doc: makeMessage(40, { content: 'written offline' }) }, 201)))
    expect(within(log()).queryByText(/Sending|Not sent/)).toBeNull()
  })

  it('keeps the open conversation in the URL, so Back closes it and a reload reopens it', async () => {
    vi.stubGlobal('fetch', fakeServer().fetchMock)
    const { unmount } = renderChat()
    goLive()
    const people = await openBob()
    expect(window.location.hash).toBe(`#/c/${BOB.id}`)
    await userEvent.click(within(people).getByRole('button', { name: /^Alice/ }))
    expect(window.location.hash).toBe(`#/c/${ALICE.id}`) // replaced: Back goes to the list

    await act(async () => {
      const popped = new Promise((resolve) => window.addEventListener('popstate', resolve, { once: true }))
      window.history.back()
      await popped
    })
    expect(window.location.hash).toBe('#/')
    expect(screen.getByRole('region', { name: 'No conversation open' })).toBeTruthy()

    window.history.replaceState(null, '', `#/c/${BOB.id}`)
    unmount()
    renderChat()
    goLive()
    expect(await screen.findByRole('region', { name: 'Conversation with Bob' })).toBeTruthy()
  })

  it('does not mark read what arrives while scrolled up into history; offers a way down that does', async () => {
    const server = fakeServer()
    vi.stubGlobal('fetch', server.fetchMock)
    renderChat()
    goLive()
    const people = await openBob()

    // The reader scrolls far up: 2,000 px of history, 500 px in view, at the top.
    const scroller = log().closest('.scroller') as HTMLElement
    let scrollTop = 0
    Object.defineProperty(scroller, 'scrollHeight', { configurable: true, get: () => 2000 })
    Object.defineProperty(scroller, 'clientHeight', { configurable: true, get: () => 500 })
    Object.defineProperty(scroller, 'scrollTop', { configurable: true, get: () => scrollTop, set: (v: number) => (scrollTop = v) })
    act(() => scroller.dispatchEvent(new Event('scroll')))

    emit('message.created', makeMessage(50, { sender: BOB, receiver: ALICE, content: 'while you scrolled' }), '50')
    expect(within(people).getByRole('button', { name: 'Bob, 1 unread' })).toBeTruthy()
    const reads = () => server.calls.filter((c) => c.url === '/api/messages/read')
    expect(reads()).toHaveLength(0)

    await userEvent.click(screen.getByRole('button', { name: '1 new message ↓' }))
    expect(scrollTop).toBe(2000)
    act(() => scroller.dispatchEvent(new Event('scroll')))
    await vi.waitFor(() => expect(reads()).toHaveLength(1))
    expect(within(people).getByRole('button', { name: 'Bob' })).toBeTruthy()
    expect(screen.queryByRole('button', { name: /new message/ })).toBeNull()
  })

  // A 401 from one request is not a logout (a cookie refused for its origin, say): the screen asks
  // /api/users/me and leaves the chat only when nobody is logged in; else it says what happened.
  const refusingWrites = (me: typeof ALICE | null) =>
    vi.fn(async (url: string, init: RequestInit = {}) => {
      if (url === '/api/users/me') return json({ user: me })
      if ((init.method ?? 'GET') !== 'GET') return json({ errors: [{ message: 'You are not allowed to perform this action.' }] }, 401)
      return fakeServer().fetchMock(url, init)
    })

  it('stays in the chat and says what went wrong when a request is refused but the session is alive', async () => {
    const fetchMock = refusingWrites(ALICE)
    vi.stubGlobal('fetch', fetchMock)
    const onLoggedOut = vi.fn()
    renderChat(onLoggedOut)
    goLive()
    await openBob()
    await userEvent.type(screen.getByLabelText('Message'), 'hello Bob{Enter}')
    const alert = await screen.findByRole('alert', {}, { timeout: 3000 })
    expect(alert.textContent).toMatch(/not allowed.*although you are logged in/)
    expect(fetchMock.mock.calls.some(([url]) => url === '/api/users/me')).toBe(true)
    expect(onLoggedOut).not.toHaveBeenCalled()
  })

  it('goes back to the log-in form when a refused request finds nobody logged in', async () => {
    vi.stubGlobal('fetch', refusingWrites(null))
    const onLoggedOut = vi.fn()
    renderChat(onLoggedOut)
    goLive()
    await openBob()
    await userEvent.type(screen.getByLabelText('Message'), 'hello Bob{Enter}')
    await vi.waitFor(() => expect(onLoggedOut).toHaveBeenCalled())
  })
})
