import { cleanup, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'

import { initialPeople, peopleReducer, sortedPeople } from '../model/people-reducer'
import { initialRooms, roomsReducer, sidebarRooms } from '../model/rooms-reducer'
import { ALICE, BOB, makeMessage, makeRoomSummary } from '../model/test-messages'
import type { RoomSummary, Target } from '../model/types'
import { Sidebar } from './sidebar'

const CAROL = { id: 3, name: 'Carol' }
const people = peopleReducer(initialPeople(ALICE.id), {
  type: 'loaded',
  users: [ALICE, BOB, CAROL],
  summaries: [
    { user: BOB, lastMessage: makeMessage(9, { sender: BOB, receiver: ALICE, content: 'See you <b>soon</b>' }), unread: 2, lastReadId: 7, peerLastReadId: 0 },
    { user: CAROL, lastMessage: makeMessage(4, { sender: ALICE, receiver: CAROL, content: 'Thanks!' }), unread: 0, lastReadId: 4, peerLastReadId: 0 },
  ],
})
const room = (id: number, name: string, overrides: Partial<RoomSummary>) => makeRoomSummary({ id, name }, overrides)
const rooms = roomsReducer(initialRooms(ALICE.id), {
  type: 'loaded',
  position: 0,
  rooms: [
    room(1, 'general', { unread: 3, mentions: 1, lastMessage: makeMessage(8, { sender: BOB, receiver: null, room: { id: 1, name: 'general' }, content: 'lunch?' }) }),
    room(2, 'design', { visibility: 'private', topic: 'Pixels' }),
    room(3, 'lobby', { isMember: false, role: null }),
  ],
})

function Harness({ onOpen }: { onOpen: (target: Target) => void }) {
  const [filter, setFilter] = useState('')
  return (
    <Sidebar
      rooms={sidebarRooms(rooms, filter)}
      people={sortedPeople(people, filter)}
      me={ALICE.id}
      open={{ kind: 'dm', id: CAROL.id }}
      filter={filter}
      onFilter={setFilter}
      onOpen={onOpen}
      onCreateRoom={vi.fn()}
      onBrowseRooms={vi.fn()}
    />
  )
}

const list = (name: string) => screen.getByRole('list', { name })
const entries = (name: string) => within(list(name)).queryAllByRole('button')

describe('Sidebar', () => {
  afterEach(cleanup)

  it('lists your rooms with unread and mention badges, then people with preview, unread count and current conversation', () => {
    render(<Harness onOpen={vi.fn()} />)
    expect(screen.getByRole('navigation', { name: 'Chats' })).toBeTruthy()
    const roomButtons = entries('Rooms')
    expect(roomButtons.map((b) => b.getAttribute('aria-label'))).toEqual(['#general, 3 unread, 1 mention', '#design'])
    expect(within(roomButtons[0]).getByText('Bob: lunch?')).toBeTruthy()
    expect(within(roomButtons[0]).getByTestId('mention-badge').textContent).toBe('@1')
    expect(within(roomButtons[1]).getByText('Pixels')).toBeTruthy()

    const buttons = entries('Direct messages')
    expect(buttons.map((b) => b.getAttribute('aria-label'))).toEqual(['Bob, 2 unread', 'Carol', 'Alice (you)'])
    expect(within(buttons[0]).getByText('See you <b>soon</b>')).toBeTruthy() // text, not markup
    expect(within(buttons[0]).getByText('2')).toBeTruthy()
    expect(within(buttons[1]).getByText('You: Thanks!')).toBeTruthy()
    expect(buttons[1].getAttribute('aria-current')).toBe('true')
    expect(within(buttons[2]).getByText('Start a conversation')).toBeTruthy()
    // The preview is the button's description, so it is read after the name.
    expect(document.getElementById(buttons[1].getAttribute('aria-describedby')!)?.textContent).toBe('You: Thanks!')
  })

  it('one box filters rooms and people; opening says which kind', async () => {
    const onOpen = vi.fn()
    render(<Harness onOpen={onOpen} />)
    await userEvent.type(screen.getByLabelText('Filter rooms and people'), 'car')
    expect(entries('Direct messages')).toHaveLength(1)
    expect(screen.getByText('No room matches.')).toBeTruthy()
    await userEvent.click(entries('Direct messages')[0])
    expect(onOpen).toHaveBeenCalledWith({ kind: 'dm', id: CAROL.id })
    await userEvent.clear(screen.getByLabelText('Filter rooms and people'))
    await userEvent.type(screen.getByLabelText('Filter rooms and people'), 'des')
    await userEvent.click(entries('Rooms')[0])
    expect(onOpen).toHaveBeenCalledWith({ kind: 'room', id: 2 })
    expect(screen.getByText('Nobody matches.')).toBeTruthy()
  })
})
