import { cleanup, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'

import { initialPeople, peopleReducer, sortedPeople } from '../model/people-reducer'
import { ALICE, BOB, makeMessage } from '../model/test-messages'
import { PeopleList } from './people-list'

const CAROL = { id: 3, name: 'Carol' }
const state = peopleReducer(initialPeople(ALICE.id), {
  type: 'loaded',
  users: [ALICE, BOB, CAROL],
  summaries: [
    { user: BOB, lastMessage: makeMessage(9, { sender: BOB, receiver: ALICE, content: 'See you <b>soon</b>' }), unread: 2, lastReadId: 7 },
    { user: CAROL, lastMessage: makeMessage(4, { sender: ALICE, receiver: CAROL, content: 'Thanks!' }), unread: 0, lastReadId: 4 },
  ],
})

function Harness({ onOpen }: { onOpen: (peer: number) => void }) {
  const [filter, setFilter] = useState('')
  return (
    <PeopleList people={sortedPeople(state, filter)} me={ALICE.id} openPeer={CAROL.id} filter={filter} onFilter={setFilter} onOpen={onOpen} />
  )
}

describe('PeopleList', () => {
  afterEach(cleanup)

  it('lists people by latest activity with preview, unread count and current conversation', () => {
    render(<Harness onOpen={vi.fn()} />)
    const nav = screen.getByRole('navigation', { name: 'People' })
    const buttons = within(nav).getAllByRole('button')
    expect(buttons.map((b) => b.getAttribute('aria-label'))).toEqual(['Bob, 2 unread', 'Carol', 'Alice (you)'])
    expect(within(buttons[0]).getByText('See you <b>soon</b>')).toBeTruthy() // text, not markup
    expect(within(buttons[0]).getByText('2')).toBeTruthy()
    expect(within(buttons[1]).getByText('You: Thanks!')).toBeTruthy()
    expect(buttons[1].getAttribute('aria-current')).toBe('true')
    expect(within(buttons[2]).getByText('Start a conversation')).toBeTruthy()
    // The preview is the button's description, so it is read after the name.
    expect(document.getElementById(buttons[1].getAttribute('aria-describedby')!)?.textContent).toBe('You: Thanks!')
  })

  it('filters by name and opens a conversation', async () => {
    const onOpen = vi.fn()
    render(<Harness onOpen={onOpen} />)
    await userEvent.type(screen.getByLabelText('Filter people'), 'car')
    const buttons = within(screen.getByRole('navigation', { name: 'People' })).getAllByRole('button')
    expect(buttons).toHaveLength(1)
    await userEvent.click(buttons[0])
    expect(onOpen).toHaveBeenCalledWith(CAROL.id)
    await userEvent.clear(screen.getByLabelText('Filter people'))
    await userEvent.type(screen.getByLabelText('Filter people'), 'zed')
    expect(screen.getByText('Nobody matches.')).toBeTruthy()
  })
})
