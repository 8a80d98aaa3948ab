import type { SearchHit, SearchResponse, StreamMessage } from '@payload-chat/server/protocol'
import { cleanup, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'

import { SearchBox } from './search-box'

const ALICE = { id: 1, name: 'Alice' }
const BOB = { id: 2, name: 'Bob' }

function hit(id: number, fields: Partial<StreamMessage>, snippet: SearchHit['snippet']): SearchHit {
  const at = '2026-11-29T10:00:00.000Z'
  const message = {
    id, sender: BOB, receiver: ALICE, room: null, content: '', replyTo: null, replyQuote: null, reactions: [], attachments: [],
    mentions: [], mentionsRoom: false, editedByModerator: false, timestamp: at, updatedAt: at, createdAt: at, ...fields,
  } satisfies StreamMessage
  return { message, snippet }
}

// The server's answers by page; every request is recorded.
function answer(pages: Record<number, SearchResponse>) {
  const requests: URL[] = []
  vi.stubGlobal('fetch', async (input: string) => {
    const url = new URL(input, 'http://localhost')
    requests.push(url)
    const body = pages[Number(url.searchParams.get('page'))]
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } })
  })
  return requests
}

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

const PAGE_1: SearchResponse = {
  page: 1,
  hasNextPage: true,
  docs: [
    hit(9, {}, [{ text: 'the ', match: false }, { text: 'pineapple', match: true }, { text: ' <b>is</b> ripe', match: false }]),
    hit(8, { sender: ALICE, receiver: null, room: { id: 7, name: 'general' } }, [{ text: 'pineapple', match: true }]),
  ],
}
const PAGE_2: SearchResponse = { page: 2, hasNextPage: false, docs: [hit(3, { sender: ALICE, receiver: BOB }, [{ text: 'old pineapple', match: false }])] }

// Typing key by key is slow on a busy machine: the tests wait for outcomes, not for a time.
describe('SearchBox', { timeout: 30_000 }, () => {
  it('searches once typing pauses and groups the hits by conversation, matches marked, never as HTML', async () => {
    const requests = answer({ 1: PAGE_1, 2: PAGE_2 })
    render(<SearchBox me={ALICE.id} onOpen={() => {}} />)
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search messages' }), 'pine')
    expect(await screen.findByText('2+ messages found.')).toBeTruthy()
    // One request for what was typed, not one per key.
    expect(requests.map((url) => [url.pathname, url.searchParams.get('q'), url.searchParams.get('page')])).toEqual([['/api/messages/search', 'pine', '1']])
    const bob = screen.getByRole('region', { name: 'Bob' })
    const first = within(bob).getByRole('button')
    expect(first.textContent).toContain('the pineapple <b>is</b> ripe')
    expect(first.querySelector('mark')?.textContent).toBe('pineapple')
    expect(first.querySelector('b')).toBeNull()
    expect(within(screen.getByRole('region', { name: '#general' })).getByRole('button').textContent).toContain('Alice')

    // Typing on: the hits shown answered "pine", not what is typed now, until the new answer.
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search messages' }), 'a')
    expect(screen.getByRole('status').textContent).toBe('Searching…')
    expect(screen.queryAllByRole('button').filter((b) => b.classList.contains('search-hit'))).toEqual([])
    expect(await screen.findByText('2+ messages found.')).toBeTruthy()
    await userEvent.click(screen.getByRole('button', { name: 'More results' }))
    expect(await screen.findByText('old pineapple')).toBeTruthy()
    expect(screen.getByRole('status').textContent).toContain('3 messages found.')
    // The later DM hit joins Bob's group.
    expect(within(screen.getByRole('region', { name: 'Bob' })).getAllByRole('button')).toHaveLength(2)
    expect(screen.queryByRole('button', { name: 'More results' })).toBeNull()
  })

  it('opens a hit by click or keyboard; Escape returns to the box', async () => {
    answer({ 1: PAGE_1 })
    const onOpen = vi.fn()
    render(
      <>
        <textarea aria-label="Message" />
        <SearchBox me={ALICE.id} onOpen={onOpen} />
      </>,
    )
    const box = screen.getByRole('searchbox', { name: 'Search messages' })
    // "/" in a text field is text; elsewhere it focuses the search.
    await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), 'a/b')
    expect(document.activeElement).not.toBe(box)
    ;(document.activeElement as HTMLElement).blur()
    await userEvent.keyboard('/')
    expect(document.activeElement).toBe(box)
    await userEvent.type(box, 'pine')
    await screen.findByText('2+ messages found.')
    await userEvent.keyboard('{ArrowDown}')
    const [first, second] = screen.getAllByRole('button').filter((b) => b.classList.contains('search-hit'))
    expect(document.activeElement).toBe(first)
    await userEvent.keyboard('{ArrowDown}')
    expect(document.activeElement).toBe(second)
    await userEvent.keyboard('{Enter}')
    expect(onOpen).toHaveBeenCalledWith({ kind: 'room', id: 7 }, 8)
    expect(screen.queryByRole('region', { name: 'Search results' })).toBeNull()
    await userEvent.click(box)
    await userEvent.click(screen.getAllByRole('button').filter((b) => b.classList.contains('search-hit'))[0])
    expect(onOpen).toHaveBeenLastCalledWith({ kind: 'dm', id: BOB.id }, 9)
    await userEvent.click(box)
    await userEvent.keyboard('{ArrowDown}{Escape}')
    expect(document.activeElement).toBe(box)
    expect(screen.queryByRole('region', { name: 'Search results' })).toBeNull()
  })

  it('says why nothing is searched, and when nothing matches', async () => {
    const requests = answer({ 1: { page: 1, hasNextPage: false, docs: [] } })
    render(<SearchBox me={ALICE.id} onOpen={() => {}} />)
    const box = screen.getByRole('searchbox', { name: 'Search messages' })
    await userEvent.type(box, 'a')
    expect(screen.getByRole('status').textContent).toContain('Type at least 2 characters to search.')
    await userEvent.clear(box)
    await userEvent.type(box, '👍👍')
    expect(screen.getByRole('status').textContent).toContain('emoji and punctuation alone are not searched')
    await userEvent.clear(box)
    await userEvent.type(box, 'zzz')
    expect(await screen.findByText('No messages match “zzz”.')).toBeTruthy()
    expect(requests.map((url) => url.searchParams.get('q'))).toEqual(['zzz'])
  })
})
