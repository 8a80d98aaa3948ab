import { act, cleanup, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'

import { FakeEventSource, useFakeStream } from '../../../test/fake-event-source'
import { ALICE, BOB, makeMessage } from '../model/test-messages'
import { ChatScreen } from './chat-screen'

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })

// Alice's DM with Bob: his message 7 (with Bob's own 👍 on it) and her message 8. Answers to
// reactions and deletions are what `answers` says (the server's list by default).
function fakeServer(answers: { reaction?: () => Response; remove?: () => Response } = {}) {
  const calls: { method: string; url: string; body: unknown }[] = []
  const fromBob = makeMessage(7, { sender: BOB, receiver: ALICE, content: 'lunch at noon?', reactions: [{ emoji: '👍', users: [BOB.id] }] })
  const mine = makeMessage(8, { content: 'typo in here' })
  const fetchMock = vi.fn(async (url: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET'
    const body = init.body ? JSON.parse(String(init.body)) : undefined
    calls.push({ method, url, body })
    if (url.startsWith('/api/users')) return json({ docs: [ALICE, BOB], hasNextPage: false })
    if (url === '/api/rooms') return json({ rooms: [] })
    if (url.startsWith('/api/blocks?')) return json({ docs: [], hasNextPage: false })
    if (url === '/api/messages/7/reactions') {
      return answers.reaction?.() ?? json({ message: 7, reacted: true, reactions: [{ emoji: body.emoji, users: [BOB.id, ALICE.id] }] })
    }
    if (method === 'DELETE') return answers.remove?.() ?? json({ doc: mine })
    if (method === 'POST' && url === '/api/messages') return json({ doc: makeMessage(9, { content: body.content, replyTo: body.replyTo }) }, 201)
    if (url.startsWith('/api/messages?') && decodeURIComponent(url).includes(`[equals]=${BOB.id}`)) return json({ docs: [mine, fromBob], hasNextPage: false })
    if (url.startsWith('/api/messages?')) return json({ docs: [], hasNextPage: false })
    return json({ errors: [{ message: 'not found' }] }, 404)
  })
  return { fetchMock, calls }
}

const stream = () => FakeEventSource.instances[FakeEventSource.instances.length - 1]
const log = () => screen.getByRole('log')
const row = (text: string) => within(log()).getByText(text).closest('li')!
async function openBob() {
  render(<ChatScreen user={{ ...ALICE, email: 'alice@example.com' }} onLogout={vi.fn()} onLoggedOut={vi.fn()} />)
  act(() => stream().open())
  act(() => stream().emit('ready', JSON.stringify({ cursor: '0', user: ALICE.id }), '0'))
  const people = await screen.findByRole('navigation', { name: 'Chats' })
  await userEvent.click(await within(people).findByRole('button', { name: 'Bob' }))
  await within(log()).findByText('lunch at noon?', undefined, { timeout: 10_000 })
  return people
}

describe('message actions', { timeout: 30_000 }, () => {
  useFakeStream()
  afterEach(() => {
    cleanup()
    window.location.hash = ''
  })

  it('works from the keyboard: the menu opens on its first item, arrows move, Escape gives the focus back; Reply quotes', async () => {
    const server = fakeServer()
    vi.stubGlobal('fetch', server.fetchMock)
    await openBob()
    const more = within(row('lunch at noon?')).getByRole('button', { name: 'More actions' })
    act(() => more.focus())
    await userEvent.keyboard('{Enter}')
    const menu = screen.getByRole('menu', { name: 'Message actions' })
    expect(within(menu).getAllByRole('menuitem').map((item) => item.textContent)).toEqual(['Reply', 'React', 'Report'])
    expect(document.activeElement?.textContent).toBe('Reply')
    await userEvent.keyboard('{ArrowDown}')
    expect(document.activeElement?.textContent).toBe('React')
    await userEvent.keyboard('{End}')
    expect(document.activeElement?.textContent).toBe('Report')
    await userEvent.keyboard('{ArrowDown}') // wraps
    expect(document.activeElement?.textContent).toBe('Reply')
    await userEvent.keyboard('{Escape}')
    expect(screen.queryByRole('menu')).toBeNull()
    expect(document.activeElement).toBe(more)

    await userEvent.keyboard('{Enter}')
    await userEvent.keyboard('{Enter}') // Reply
    const bar = screen.getByRole('group', { name: 'Reply' })
    expect(bar.textContent).toContain('Replying to Bob: lunch at noon?')
    expect(document.activeElement).toBe(screen.getByLabelText('Message'))
    await userEvent.keyboard('{Escape}')
    expect(screen.queryByRole('group', { name: 'Reply' })).toBeNull()

    await userEvent.click(more)
    await userEvent.click(screen.getByRole('menuitem', { name: 'Reply' }))
    await userEvent.keyboard('yes, noon works{Enter}')
    expect(screen.queryByRole('group', { name: 'Reply' })).toBeNull()
    await vi.waitFor(() => expect(server.calls.find((c) => c.method === 'POST' && c.url === '/api/messages')?.body).toMatchObject({ content: 'yes, noon works', replyTo: 7 }))
    const reply = row('yes, noon works')
    expect(within(reply).getByRole('button', { name: 'In reply to Bob: lunch at noon?. Show the original' })).toBeTruthy()
  })

  it('reactions: toggled at once, taken back when the server refuses, replaced by the stream’s list', async () => {
    let refuse = true
    const server = fakeServer({ reaction: () => (refuse ? json({ errors: [{ message: 'Something broke' }] }, 500) : json({ message: 7, reacted: true, reactions: [{ emoji: '👍', users: [BOB.id, ALICE.id] }] })) })
    vi.stubGlobal('fetch', server.fetchMock)
    await openBob()
    const reactions = within(row('lunch at noon?')).getByRole('group', { name: 'Reactions' })
    const thumbs = within(reactions).getByRole('button', { name: '👍 1 reaction' })
    expect(thumbs.getAttribute('aria-pressed')).toBe('false')
    await userEvent.click(thumbs)
    await vi.waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Something broke'))
    expect(within(reactions).getByRole('button', { name: '👍 1 reaction' })).toBeTruthy() // rolled back
    expect(server.calls.filter((c) => c.url === '/api/messages/7/reactions').map((c) => c.body)).toEqual([{ emoji: '👍' }])

    refuse = false
    await userEvent.click(within(reactions).getByRole('button', { name: '👍 1 reaction' }))
    const mine = await within(reactions).findByRole('button', { name: '👍 2 reactions, including you' })
    expect(mine.getAttribute('aria-pressed')).toBe('true')

    // Bob takes his back, and adds 🎉: the stream's list replaces the message's.
    const event = { id: 7, sender: BOB.id, receiver: ALICE.id, room: null, reactions: [{ emoji: '👍', users: [ALICE.id] }, { emoji: '🎉', users: [BOB.id] }] }
    act(() => stream().emit('message.reactions', JSON.stringify(event), '20'))
    expect(within(reactions).getAllByRole('button').map((b) => b.getAttribute('aria-label'))).toEqual(['👍 1 reaction, including you', '🎉 1 reaction', 'Add a reaction'])

    // The picker from the menu's React: 🔥 is new.
    await userEvent.click(within(row('lunch at noon?')).getByRole('button', { name: 'More actions' }))
    await userEvent.click(screen.getByRole('menuitem', { name: 'React' }))
    const picker = screen.getByRole('menu', { name: 'Pick a reaction' })
    expect(within(picker).getByRole('menuitemcheckbox', { name: 'React with thumbs up' }).getAttribute('aria-checked')).toBe('true')
    await userEvent.click(within(picker).getByRole('menuitemcheckbox', { name: 'React with fire' }))
    expect(server.calls.filter((c) => c.url === '/api/messages/7/reactions').at(-1)?.body).toEqual({ emoji: '🔥' })
  })

  it('delete hides the message with Undo; undone it is back and nothing is sent; leaving sends it; a refusal brings it back with why', async () => {
    let refuse = false
    const server = fakeServer({ remove: () => (refuse ? json({ errors: [{ message: 'You cannot delete this' }] }, 403) : json({ doc: {} })) })
    vi.stubGlobal('fetch', server.fetchMock)
    const people = await openBob()
    const deletes = () => server.calls.filter((c) => c.method === 'DELETE')

    await userEvent.click(within(row('typo in here')).getByRole('button', { name: 'More actions' }))
    await userEvent.click(screen.getByRole('menuitem', { name: 'Delete' }))
    expect(within(log()).queryByText('typo in here')).toBeNull()
    const undo = screen.getByRole('button', { name: 'Undo deleting “typo in here”' })
    expect(document.activeElement).toBe(undo)
    await userEvent.click(undo)
    expect(within(log()).getByText('typo in here')).toBeTruthy()
    expect(deletes()).toEqual([])

    await userEvent.click(within(row('typo in here')).getByRole('button', { name: 'More actions' }))
    await userEvent.click(screen.getByRole('menuitem', { name: 'Delete' }))
    await userEvent.click(within(people).getByRole('button', { name: /^Alice/ })) // leaves the conversation
    await vi.waitFor(() => expect(deletes().map((c) => c.url)).toEqual(['/api/messages/8']))

    cleanup()
    refuse = true
    await openBob()
    await userEvent.click(within(row('typo in here')).getByRole('button', { name: 'More actions' }))
    await userEvent.click(screen.getByRole('menuitem', { name: 'Delete' }))
    await userEvent.click(within(await screen.findByRole('navigation', { name: 'Chats' })).getByRole('button', { name: /^Alice/ }))
    await userEvent.click(within(await screen.findByRole('navigation', { name: 'Chats' })).getByRole('button', { name: 'Bob' }))
    expect((await within(row('typo in here')).findByRole('alert')).textContent).toBe('Not deleted: You cannot delete this')
  })
})
