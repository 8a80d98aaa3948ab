// The chat screen's moderation for members: blocking (DM header, the composer, the list, room
// messages folded), a DM refused by a block, reporting, your reports. Server faked at fetch.
import { BLOCKED_MESSAGE } from '@payload-chat/server/protocol'
import { act, cleanup, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'

import { FakeEventSource, useFakeStream } from '../../../test/fake-event-source'
import { ALICE, BOB, makeMessage, makeRoomSummary } from '../model/test-messages'
import { ChatScreen } from './chat-screen'

const CAROL = { id: 3, name: 'Carol' }
const GENERAL = { id: 1, name: 'general' }
const WAIT = { timeout: 5000 }
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
const inGeneral = (id: number, sender: typeof BOB, content: string) => makeMessage(id, { sender, receiver: null, room: GENERAL, content })

// Alice is in #general with Bob and Carol. `blocked`: whom she blocked already.
function fakeServer(blocked: (typeof BOB)[] = []) {
  let blocks = blocked.map((user, index) => ({ id: 100 + index, blocked: user, createdAt: '2026-01-01T00:00:00.000Z' }))
  const calls: { method: string; url: string; body: unknown }[] = []
  const fetchMock = vi.fn(async (url: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET'
    const body = init.body ? JSON.parse(String(init.body)) : undefined
    calls.push({ method, url, body })
    if (url.startsWith('/api/users')) return json({ docs: [ALICE, BOB, CAROL], hasNextPage: false })
    if (url === '/api/messages/conversations') return json({ conversations: [] })
    if (url === '/api/rooms') return json({ rooms: [makeRoomSummary(GENERAL)] })
    if (url.startsWith('/api/rooms/1/members')) return json({ members: [ALICE, BOB, CAROL].map((u) => ({ ...u, role: 'member' })) })
    if (method === 'GET' && url.startsWith('/api/blocks?')) return json({ docs: blocks, hasNextPage: false })
    if (method === 'POST' && url.startsWith('/api/blocks')) {
      const doc = { id: 200 + blocks.length, blocked: [BOB, CAROL].find((u) => u.id === body.blocked)!, createdAt: '2026-01-02T00:00:00.000Z' }
      blocks = [...blocks, doc]
      return json({ doc }, 201)
    }
    if (method === 'DELETE' && url.startsWith('/api/blocks/')) {
      blocks = blocks.filter((b) => b.id !== Number(url.split('/').pop()))
      return json({ doc: {} })
    }
    if (method === 'POST' && url === '/api/messages') return json({ errors: [{ message: BLOCKED_MESSAGE }] }, 403)
    if (url === '/api/messages/read') return json({ ...body, lastReadId: body.upTo })
    if (url.startsWith('/api/messages?')) {
      const room = url.includes('where%5Broom%5D')
      const page = [inGeneral(4, BOB, 'bob again'), inGeneral(3, BOB, 'bob speaking'), inGeneral(2, CAROL, 'carol here'), inGeneral(1, BOB, 'bob first')]
      return json({ docs: room ? page : [], hasNextPage: false })
    }
    if (method === 'POST' && url === '/api/reports') {
      // One open report per (member, message).
      const again = calls.filter((c) => c.method === 'POST' && c.url === '/api/reports' && (c.body as { message: number }).message === body.message)
      if (again.length > 1) return json({ errors: [{ message: 'This message already has an open report of yours.' }] }, 409)
      return json({ doc: { id: 1, ...body, status: 'open' } }, 201)
    }
    if (method === 'GET' && url.startsWith('/api/reports?')) {
      const report = (id: number, extra: object) => ({ id, reason: 'spam', note: null, createdAt: '2026-01-01T12:00:00.000Z', ...extra })
      return json({
        docs: [
          report(2, { message: inGeneral(3, BOB, 'bob speaking'), status: 'open', resolution: null }),
          report(1, { message: null, reason: 'abuse', status: 'resolved', resolution: 'removed' }),
        ],
        hasNextPage: false,
      })
    }
    return json({ errors: [{ message: 'not found' }] }, 404)
  })
  return { fetchMock, calls }
}

const stream = () => FakeEventSource.instances[FakeEventSource.instances.length - 1]
const renderChat = () => render(<ChatScreen user={{ ...ALICE, email: 'alice@example.com' }} onLogout={vi.fn()} onLoggedOut={vi.fn()} />)
const goLive = () => {
  act(() => stream().open())
  act(() => stream().emit('ready', JSON.stringify({ cursor: '10', user: ALICE.id }), '10'))
}
const chats = () => screen.findByRole('navigation', { name: 'Chats' }, WAIT)
const openBob = async () => userEvent.click(await within(await chats()).findByRole('button', { name: /^Bob/ }, WAIT))
const openGeneral = async () => {
  await userEvent.click(await within(await chats()).findByRole('button', { name: /^#general/ }, WAIT))
  return screen.findByRole('log', { name: 'Messages in #general' }, WAIT)
}

describe('ChatScreen: moderation for members', () => {
  useFakeStream()

  it('blocks from the DM header after asking; the composer says so until Unblock', async () => {
    const server = fakeServer()
    vi.stubGlobal('fetch', server.fetchMock)
    renderChat()
    goLive()
    await openBob()
    const header = await screen.findByRole('region', { name: 'Conversation with Bob' }, WAIT)
    await userEvent.click(within(header).getByRole('button', { name: 'Block' }))
    const dialog = screen.getByRole('alertdialog', { name: 'Block Bob?' })
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }))
    await userEvent.click(within(dialog).getByRole('button', { name: 'Block' }))
    expect(server.calls.find((c) => c.method === 'POST' && c.url.startsWith('/api/blocks'))?.body).toEqual({ blocked: BOB.id })

    const notice = await screen.findByText(/You blocked Bob\./, undefined, WAIT)
    expect(notice.closest('[role="status"]')?.textContent).toBe('You blocked Bob. Unblock to send messages.')
    expect(screen.queryByLabelText('Message')).toBeNull()
    await userEvent.click(within(notice).getByRole('button', { name: 'Unblock' }))
    await screen.findByLabelText('Message', undefined, WAIT)
    expect(server.calls.some((c) => c.method === 'DELETE' && c.url === '/api/blocks/200')).toBe(true)
  })

  it('lists the people you blocked, with Unblock', async () => {
    const server = fakeServer([CAROL])
    vi.stubGlobal('fetch', server.fetchMock)
    renderChat()
    goLive()
    await userEvent.click(screen.getByRole('button', { name: 'Blocked people' }))
    const list = await screen.findByRole('list', { name: 'Blocked people' }, WAIT)
    await within(list).findByText('Carol', undefined, WAIT)
    await userEvent.click(within(list).getByRole('button', { name: 'Unblock Carol' }))
    await within(list).findByText('You have not blocked anyone.', undefined, WAIT)
    expect(server.calls.some((c) => c.method === 'DELETE' && c.url === '/api/blocks/100')).toBe(true)
  })

  it("folds a blocked person's room messages, run by run, until Show", async () => {
    vi.stubGlobal('fetch', fakeServer([BOB]).fetchMock)
    renderChat()
    goLive()
    const log = await openGeneral()
    await within(log).findByText('carol here', undefined, WAIT)
    expect(within(log).queryByText(/bob/)).toBeNull()
    const runs = within(log).getAllByText(/from a blocked person/)
    expect(runs.map((run) => run.textContent)).toEqual(['Message from a blocked person — Show', '2 messages from a blocked person — Show'])
    await userEvent.click(within(runs[1]).getByRole('button', { name: 'Show' }))
    expect(within(log).getByText('bob speaking')).toBeTruthy()
    expect(within(log).getByText('bob again')).toBeTruthy()
    expect(within(log).queryByText('bob first')).toBeNull()
  })

  it('shows a DM refused because of a block on the message, in the server’s words', async () => {
    vi.stubGlobal('fetch', fakeServer().fetchMock)
    renderChat()
    goLive()
    await openBob()
    await userEvent.type(await screen.findByLabelText('Message', undefined, WAIT), 'hello?{Enter}')
    expect(await screen.findByText(`· Not sent: ${BLOCKED_MESSAGE}`, { exact: false }, WAIT)).toBeTruthy()
  })

  it('reports a message and lists your reports with where they stand', async () => {
    const server = fakeServer()
    vi.stubGlobal('fetch', server.fetchMock)
    renderChat()
    goLive()
    const log = await openGeneral()
    const item = (await within(log).findByText('carol here', undefined, WAIT)).closest('li')!
    await userEvent.click(within(item).getByRole('button', { name: 'More actions' }))
    await userEvent.click(within(item).getByRole('menuitem', { name: 'Report' }))
    await userEvent.click(screen.getByRole('radio', { name: 'Spam' }))
    await userEvent.click(screen.getByRole('button', { name: 'Send report' }))
    await within(item).findByText('Reported. Moderators will review it.', undefined, WAIT)
    expect(server.calls.find((c) => c.url === '/api/reports' && c.method === 'POST')?.body).toEqual({ message: 2, reason: 'spam', note: null })
    // Again, on another day: the server refuses a second open report (409), and the item says why.
    cleanup()
    renderChat()
    goLive()
    const again = (await within(await openGeneral()).findByText('carol here', undefined, WAIT)).closest('li')!
    await userEvent.click(within(again).getByRole('button', { name: 'More actions' }))
    await userEvent.click(within(again).getByRole('menuitem', { name: 'Report' }))
    await userEvent.click(screen.getByRole('radio', { name: 'Other' }))
    await userEvent.click(screen.getByRole('button', { name: 'Send report' }))
    expect((await within(again).findByRole('status', undefined, WAIT)).textContent).toBe('You already reported this message.')
    expect(screen.queryByRole('dialog')).toBeNull()

    await userEvent.click(screen.getByRole('button', { name: 'My reports' }))
    const list = await screen.findByRole('list', { name: 'Your reports' }, WAIT)
    await within(list).findByText('bob speaking', undefined, WAIT)
    expect(within(list).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      expect.stringMatching(/^bob speakingSpam · .+Open: waiting for a moderator$/),
      expect.stringMatching(/^Message no longer availableAbuse · .+Resolved: the message was removed$/),
    ])
  })
})
