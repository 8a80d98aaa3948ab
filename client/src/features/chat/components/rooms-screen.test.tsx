// The chat screen with rooms: the server is faked at fetch and the stream is scripted.
import { act, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'

import { FakeEventSource, useFakeStream } from '../../../test/fake-event-source'
import { ALICE, BOB, makeMessage, makeRoomSummary } from '../model/test-messages'
import { ChatScreen } from './chat-screen'

const CAROL = { id: 3, name: 'Carol' }
const GENERAL = { id: 1, name: 'general' }
const SECRET = { id: 2, name: 'secret' }
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })

const summary = makeRoomSummary
const inRoom = (room: { id: number; name: string }, id: number, overrides = {}) =>
  makeMessage(id, { sender: BOB, receiver: null, room, ...overrides })

// Alice is in general and in the private room secret (she owns it).
// `roomPages`: what a room's first page holds (newest first).
function fakeServer(roomPages: Record<number, unknown[]> = {}) {
  const calls: { method: string; url: string; body: unknown }[] = []
  const fetchMock = vi.fn(async (url: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET'
    const body = init.body ? JSON.parse(String(init.body)) : undefined
    calls.push({ method, url, body })
    if (url.startsWith('/api/users')) return json({ docs: [ALICE, BOB, CAROL], hasNextPage: false })
    if (url === '/api/messages/conversations') return json({ conversations: [] })
    if (url === '/api/rooms') return json({ rooms: [summary(GENERAL), summary(SECRET, { visibility: 'private', role: 'owner' })] })
    if (url.startsWith('/api/blocks?')) return json({ docs: [], hasNextPage: false })
    if (/^\/api\/rooms\/\d+\/members$/.test(url)) {
      return json({ members: [{ ...ALICE, role: 'owner' }, { ...BOB, role: 'member' }, { ...CAROL, role: 'member' }] })
    }
    if (method === 'POST' && /^\/api\/rooms\/\d+\/leave$/.test(url)) return json({ room: summary(SECRET, { isMember: false, role: null }) })
    if (url === '/api/messages/read') return json({ ...body, lastReadId: body.upTo })
    if (method === 'POST' && url === '/api/messages') return json({ doc: inRoom(SECRET, 50, { sender: ALICE, ...body, room: SECRET }) }, 201)
    if (method === 'PATCH' && /^\/api\/messages\/\d+$/.test(url)) {
      return json({ doc: inRoom(SECRET, Number(url.split('/').pop()), { sender: ALICE, ...body, room: SECRET, editedAt: new Date().toISOString() }) })
    }
    if (url.startsWith('/api/messages?')) {
      const room = /where%5Broom%5D%5Bequals%5D=(\d+)/.exec(url)?.[1]
      return json({ docs: room ? (roomPages[Number(room)] ?? []) : [], hasNextPage: false })
    }
    return json({ errors: [{ message: 'not found' }] }, 404)
  })
  return { fetchMock, calls }
}

// The machine is shared: give asynchronous renders more than the default second.
const WAIT = { timeout: 5000 }
const stream = () => FakeEventSource.instances[FakeEventSource.instances.length - 1]
const emit = (type: string, data: unknown, id: string) => act(() => stream().emit(type, JSON.stringify(data), id))
const renderChat = () => render(<ChatScreen user={{ ...ALICE, email: 'alice@example.com' }} onLogout={vi.fn()} onLoggedOut={vi.fn()} />)
const goLive = () => {
  act(() => stream().open())
  emit('ready', { cursor: '10', user: ALICE.id }, '10')
}
const roomsList = () => screen.findByRole('list', { name: 'Rooms' }, WAIT)

describe('ChatScreen with rooms', () => {
  useFakeStream()

  it('a private room opened by URL by an outsider shows "not found" and asks the server nothing of it', async () => {
    const server = fakeServer()
    vi.stubGlobal('fetch', server.fetchMock)
    window.history.replaceState(null, '', '#/room/99')
    renderChat()
    goLive()
    await screen.findByRole('heading', { name: 'Room not found' }, WAIT)
    expect(screen.queryByRole('log')).toBeNull()
    expect(screen.queryByLabelText('Message')).toBeNull()
    expect(server.calls.filter((c) => c.url.includes('99'))).toEqual([])
  })

  it('counts a mention live, then opening the room shows who wrote what, highlights the mention and marks it read', async () => {
    // The stream applies each change once: opening the room loads what it already said from REST.
    const mention = inRoom(GENERAL, 11, { content: '@Alice lunch?', mentions: [ALICE.id] })
    const server = fakeServer({ [GENERAL.id]: [inRoom(GENERAL, 12, { sender: CAROL, content: 'me too' }), mention] })
    vi.stubGlobal('fetch', server.fetchMock)
    renderChat()
    goLive()
    const rooms = await roomsList()
    await within(rooms).findByRole('button', { name: '#general' }, WAIT)
    emit('message.created', inRoom(GENERAL, 11, { content: '@Alice lunch?', mentions: [ALICE.id] }), '11')
    emit('message.created', inRoom(GENERAL, 11, { content: '@Alice lunch?', mentions: [ALICE.id] }), '11') // a replay
    emit('message.created', inRoom(GENERAL, 12, { sender: CAROL, content: 'me too' }), '12')
    const general = within(rooms).getByRole('button', { name: '#general, 2 unread, 1 mention' })
    expect(within(general).getByTestId('mention-badge').textContent).toBe('@1')

    await userEvent.click(general)
    expect(window.location.hash).toBe('#/room/1')
    const log = await screen.findByRole('log', { name: 'Messages in #general' }, WAIT)
    const shown = (await within(log).findByText('@Alice lunch?', {}, WAIT)).closest('li')!
    expect(shown.className).toContain('mentioned')
    expect(within(shown).getByText('Bob')).toBeTruthy()
    expect(within(log).getByText('me too').closest('li')!.className).not.toContain('mentioned')
    await vi.waitFor(() => expect(server.calls.some((c) => c.url === '/api/messages/read' && JSON.stringify(c.body) === '{"room":1,"upTo":12}')).toBe(true), WAIT)
    expect(within(rooms).getByRole('button', { name: '#general' })).toBeTruthy()
  })

  it('@ opens a member picker that the keyboard drives, and the send carries the chosen id', async () => {
    const server = fakeServer()
    vi.stubGlobal('fetch', server.fetchMock)
    window.history.replaceState(null, '', '#/room/2')
    renderChat()
    goLive()
    const box = await screen.findByLabelText('Message', undefined, WAIT)
    await screen.findByRole('button', { name: '3 members' }, WAIT)
    await userEvent.type(box, 'hi @')
    const picker = await screen.findByRole('listbox', { name: 'Mention someone' }, WAIT)
    // Everyone but you, and @room for an owner.
    expect(within(picker).getAllByRole('option').map((o) => o.textContent)).toEqual(['@Bob', '@Carol', '@room everyone in this room'])
    await userEvent.type(box, 'c')
    expect(within(picker).getAllByRole('option').map((o) => o.textContent)).toEqual(['@Carol'])
    await userEvent.clear(box)
    await userEvent.type(box, 'hi @{ArrowDown}{Enter}')
    expect(box).toHaveProperty('value', 'hi @Carol ')
    expect(screen.queryByRole('listbox')).toBeNull()
    await userEvent.type(box, 'see you{Enter}')
    const post = server.calls.find((c) => c.method === 'POST' && c.url === '/api/messages')
    expect(post?.body).toMatchObject({ room: SECRET.id, content: 'hi @Carol see you', mentions: [CAROL.id], mentionsRoom: false })
  })

  it('an edit says what the text still mentions: a removed @Name goes, one picked in the editor comes', async () => {
    const mine = inRoom(SECRET, 11, { sender: ALICE, content: '@Bob hi', mentions: [BOB.id] })
    const server = fakeServer({ [SECRET.id]: [mine] })
    vi.stubGlobal('fetch', server.fetchMock)
    window.history.replaceState(null, '', '#/room/2')
    renderChat()
    goLive()
    const log = await screen.findByRole('log', { name: 'Messages in #secret' }, WAIT)
    await screen.findByRole('button', { name: '3 members' }, WAIT)
    const patches = () => server.calls.filter((c) => c.method === 'PATCH')

    await userEvent.click(await within(log).findByRole('button', { name: 'More actions' }, WAIT))
    await userEvent.click(within(log).getByRole('menuitem', { name: 'Edit' }))
    const editor = within(log).getByLabelText('Edit message')
    await userEvent.clear(editor)
    await userEvent.type(editor, 'hi{Enter}')
    await vi.waitFor(() => expect(patches()).toHaveLength(1), WAIT)
    expect(patches()[0]).toMatchObject({ url: '/api/messages/11', body: { content: 'hi', mentions: [], mentionsRoom: false } })

    await userEvent.click(await within(log).findByRole('button', { name: 'More actions' }, WAIT))
    await userEvent.click(within(log).getByRole('menuitem', { name: 'Edit' }))
    const again = within(log).getByLabelText('Edit message')
    await userEvent.type(again, ' @ca')
    const picker = within(log).getByRole('listbox', { name: 'Mention someone' })
    expect(within(picker).getAllByRole('option').map((o) => o.textContent)).toEqual(['@Carol'])
    await userEvent.type(again, '{Enter}')
    expect(again).toHaveProperty('value', 'hi @Carol ')
    await userEvent.type(again, '{Enter}')
    await vi.waitFor(() => expect(patches()).toHaveLength(2), WAIT)
    expect(patches()[1].body).toEqual({ content: 'hi @Carol', mentions: [CAROL.id], mentionsRoom: false })
  })

  it('removed while the room is open: it goes away with a note, and nothing of it is shown after', async () => {
    const server = fakeServer()
    vi.stubGlobal('fetch', server.fetchMock)
    window.history.replaceState(null, '', '#/room/2')
    renderChat()
    goLive()
    const log = await screen.findByRole('log', { name: 'Messages in #secret' }, WAIT)
    await screen.findByText('No messages yet. Say hello!', undefined, WAIT) // loaded
    emit('message.created', inRoom(SECRET, 11, { content: 'before the removal' }), '11')
    expect(within(log).getByText('before the removal')).toBeTruthy()

    emit('room.member.left', { room: SECRET, user: ALICE }, '12')
    expect(screen.getByText('You were removed from #secret').closest('[role="status"]')).toBeTruthy()
    expect(screen.queryByRole('log')).toBeNull()
    expect(screen.getByRole('heading', { name: 'Room not found' })).toBeTruthy()
    expect(within(await roomsList()).queryByRole('button', { name: /secret/ })).toBeNull()
    emit('message.created', inRoom(SECRET, 13, { content: 'after the removal' }), '13')
    expect(screen.queryByText('after the removal')).toBeNull()
    expect(screen.queryByText('before the removal')).toBeNull()

    // Added back: the room is loaded again from the server (what was missed meanwhile is there).
    const loads = () => server.calls.filter((c) => c.url.startsWith('/api/messages?') && decodeURIComponent(c.url).includes('[room][equals]=2')).length
    const before = loads()
    emit('room.member.joined', { room: SECRET, user: ALICE }, '14')
    await screen.findByRole('log', { name: 'Messages in #secret' }, WAIT)
    await vi.waitFor(() => expect(loads()).toBe(before + 1), WAIT)
    expect(screen.queryByText('before the removal')).toBeNull()
  })

  it('leaving a private room asks first (focus on Cancel, Escape cancels), then closes the room and says "You left"', async () => {
    const server = fakeServer()
    vi.stubGlobal('fetch', server.fetchMock)
    renderChat()
    goLive()
    await userEvent.click(await within(await roomsList()).findByRole('button', { name: '#secret' }, WAIT))
    await screen.findByRole('log', { name: 'Messages in #secret' }, WAIT)
    await screen.findByRole('button', { name: '3 members' }, WAIT)
    const leaves = () => server.calls.filter((c) => c.method === 'POST' && c.url === '/api/rooms/2/leave').length
    const leave = screen.getByRole('button', { name: 'Leave' })

    await userEvent.click(leave)
    let dialog = await screen.findByRole('alertdialog', { name: 'Leave #secret?' }, WAIT)
    expect(dialog.getAttribute('aria-describedby')).toBeTruthy()
    expect(document.getElementById(dialog.getAttribute('aria-describedby')!)?.textContent).toBe(
      '#secret is private: you can come back only if an owner adds you again. The member here longest becomes its owner.',
    )
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }))
    await userEvent.keyboard('{Escape}')
    expect(screen.queryByRole('alertdialog')).toBeNull()
    expect(document.activeElement).toBe(leave)
    await userEvent.click(leave)
    await userEvent.click(within(await screen.findByRole('alertdialog', undefined, WAIT)).getByRole('button', { name: 'Cancel' }))
    expect(leaves()).toBe(0)
    expect(screen.getByRole('log', { name: 'Messages in #secret' })).toBeTruthy()

    await userEvent.click(leave)
    dialog = await screen.findByRole('alertdialog', undefined, WAIT)
    await userEvent.click(within(dialog).getByRole('button', { name: 'Leave' }))
    expect(screen.queryByRole('alertdialog')).toBeNull()
    await vi.waitFor(() => expect(leaves()).toBe(1), WAIT)
    await vi.waitFor(() => expect(screen.queryByRole('log')).toBeNull(), WAIT)
    emit('room.member.left', { room: SECRET, user: ALICE }, '11')
    expect(screen.getByText('You left #secret').closest('[role="status"]')).toBeTruthy()
    expect(within(await roomsList()).queryByRole('button', { name: /secret/ })).toBeNull()
  })

  it('leaving a public room asks nothing (it can be joined again)', async () => {
    const server = fakeServer()
    vi.stubGlobal('fetch', server.fetchMock)
    window.history.replaceState(null, '', '#/room/1')
    renderChat()
    goLive()
    await screen.findByRole('log', { name: 'Messages in #general' }, WAIT)
    await userEvent.click(screen.getByRole('button', { name: 'Leave' }))
    expect(screen.queryByRole('alertdialog')).toBeNull()
    await vi.waitFor(() => expect(server.calls.some((c) => c.method === 'POST' && c.url === '/api/rooms/1/leave')).toBe(true), WAIT)
  })

  it('an edit that mentions you in an unread message this tab never saw: the server recounts, the badge follows', async () => {
    const server = fakeServer()
    let mentions = 0
    const asked: number[] = []
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      if (url !== '/api/rooms') return server.fetchMock(url, init)
      asked.push(mentions)
      return json({ rooms: [summary(GENERAL, { unread: 2, mentions, lastReadId: 3, lastMessage: inRoom(GENERAL, 5) })] })
    })
    renderChat()
    goLive()
    const rooms = await roomsList()
    await within(rooms).findByRole('button', { name: '#general, 2 unread' }, WAIT)
    // Message 4 (unread, counted by the server) is edited to mention Alice.
    mentions = 1
    emit('message.updated', inRoom(GENERAL, 4, { content: '@Alice see this', mentions: [ALICE.id] }), '11')
    await within(rooms).findByRole('button', { name: '#general, 2 unread, 1 mention' }, WAIT)
    expect(asked).toEqual([0, 1])
    // The last message, whose mentions this tab knows: counted here, no question asked.
    emit('message.updated', inRoom(GENERAL, 5, { content: '@room see this', mentionsRoom: true }), '12')
    await within(rooms).findByRole('button', { name: '#general, 2 unread, 2 mentions' }, WAIT)
    emit('message.updated', inRoom(GENERAL, 5, { content: 'never mind' }), '13')
    await within(rooms).findByRole('button', { name: '#general, 2 unread, 1 mention' }, WAIT)
    expect(asked).toEqual([0, 1])
  })

  it('a link to a public room created after the list loaded asks the server once, then offers to join', async () => {
    const server = fakeServer()
    const LOBBY = { id: 5, name: 'lobby' }
    let asked = 0
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      if (url !== '/api/rooms') return server.fetchMock(url, init)
      asked++
      return json({ rooms: asked === 1 ? [summary(GENERAL)] : [summary(GENERAL), summary(LOBBY, { isMember: false, role: null })] })
    })
    renderChat()
    goLive()
    await within(await roomsList()).findByRole('button', { name: '#general' }, WAIT)
    act(() => window.history.pushState(null, '', '#/room/5'))
    act(() => window.dispatchEvent(new PopStateEvent('popstate')))
    await screen.findByRole('button', { name: 'Join #lobby' }, WAIT)
    expect(asked).toBe(2)
    expect(screen.queryByRole('log')).toBeNull()
  })
})
