import { act, cleanup, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'

import { messageHash, openMessage } from '../../../lib/message-link'
import { FakeEventSource, useFakeStream } from '../../../test/fake-event-source'
import { PAGE_SIZE } from '../api/chat-api'
import { ALICE, BOB, makeMessage } from '../model/test-messages'
import { ChatScreen } from './chat-screen'

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })

// A DM of messages 1..count with Bob, served a page at a time like the server does (newest first,
// before an id). Message 1 replies to nothing; the last one replies to message 1.
function fakeServer(count: number) {
  const messages = Array.from({ length: count }, (_, i) =>
    makeMessage(i + 1, { content: `message number ${i + 1}`, ...(i + 1 === count ? { replyTo: 1, replyQuote: { sender: ALICE, excerpt: 'message number 1' } } : {}) }),
  )
  const pages: string[] = []
  const fetchMock = vi.fn(async (url: string) => {
    if (url.startsWith('/api/users')) return json({ docs: [ALICE, BOB], hasNextPage: false })
    if (url === '/api/rooms') return json({ rooms: [] })
    if (url.startsWith('/api/blocks?')) return json({ docs: [], hasNextPage: false })
    if (url.startsWith('/api/messages?')) {
      const params = new URLSearchParams(url.split('?')[1])
      const before = Number(params.get('where[id][less_than]') ?? Infinity)
      pages.push(url)
      const older = messages.filter((m) => m.id < before).reverse()
      return json({ docs: older.slice(0, PAGE_SIZE), hasNextPage: older.length > PAGE_SIZE })
    }
    return json({ errors: [{ message: 'not found' }] }, 404)
  })
  return { fetchMock, pages }
}

const stream = () => FakeEventSource.instances[FakeEventSource.instances.length - 1]
const goLive = () => {
  act(() => stream().open())
  act(() => stream().emit('ready', JSON.stringify({ cursor: '0', user: ALICE.id }), '0'))
}
const renderChat = () => render(<ChatScreen user={{ ...ALICE, email: 'alice@example.com' }} onLogout={vi.fn()} onLoggedOut={vi.fn()} />)
// The machine is shared: a few pages and renders may take a while.
const focused = (id: number) => vi.waitFor(() => expect(document.activeElement).toBe(row(id)), { timeout: 10_000 })
const row = (id: number) => document.querySelector<HTMLElement>(`[data-message-id="${id}"]`)

describe('jumping to a message', { timeout: 30_000 }, () => {
  useFakeStream()
  afterEach(() => {
    cleanup()
    window.location.hash = ''
  })

  it('a link to a message not in the first page opens the conversation there: loaded, highlighted, focused', async () => {
    const server = fakeServer(PAGE_SIZE * 2 + 10)
    vi.stubGlobal('fetch', server.fetchMock)
    renderChat()
    goLive()
    await screen.findByRole('navigation', { name: 'Chats' })
    act(() => openMessage({ kind: 'dm', id: BOB.id }, 3))
    await focused(3)
    await vi.waitFor(() => expect(row(3)!.className).toContain('highlighted'))
    expect(server.pages.length).toBeGreaterThanOrEqual(3) // first page, then two older ones
    // The URL names the conversation only: the same link followed again jumps again.
    expect(window.location.hash).toBe('#/c/2')
  })

  it('a reply’s quote shows the original (loading history), and says when it is not there', async () => {
    const server = fakeServer(PAGE_SIZE + 5)
    vi.stubGlobal('fetch', server.fetchMock)
    window.location.hash = messageHash({ kind: 'dm', id: BOB.id }, PAGE_SIZE + 5)
    renderChat()
    goLive()
    await focused(PAGE_SIZE + 5)
    const quote = within(row(PAGE_SIZE + 5)!).getByRole('button', { name: /In reply to You: message number 1\. Show the original/ })
    await userEvent.click(quote)
    await focused(1)

    act(() => openMessage({ kind: 'dm', id: BOB.id }, 100_000))
    expect(await screen.findByText('That message is not in this conversation any more.', {}, { timeout: 10_000 })).toBeTruthy()
  })
})
