import { cleanup, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'

import type { ChatItem } from '../model/types'
import { MessageItem, type MessageActions } from './message-item'

const item = (overrides: Partial<ChatItem> = {}): ChatItem => ({
  key: 'm:7',
  id: 7,
  tempId: null,
  senderId: 1,
  senderName: 'Alice',
  receiverId: 2,
  roomId: null,
  mentions: [],
  mentionsRoom: false,
  attachments: [],
  content: '<img src=x onerror=alert(1)>',
  timestamp: '2026-01-01T12:00:00.000Z',
  editedAt: null,
  editedByModerator: false,
  position: 0,
  status: 'confirmed',
  ...overrides,
})

const actions = (): MessageActions => ({
  onRetry: vi.fn(),
  onDiscard: vi.fn(),
  onEdit: vi.fn(async () => {}),
  onDelete: vi.fn(async () => {}),
})

const renderItem = (chatItem: ChatItem, own: boolean, handlers = actions()) => {
  render(
    <ul>
      <MessageItem item={chatItem} own={own} author={own ? 'You' : 'Bob'} actions={handlers} />
    </ul>,
  )
  return handlers
}

// Opens the message's "More actions" menu and picks `name`.
const choose = async (name: string) => {
  await userEvent.click(screen.getByRole('button', { name: 'More actions' }))
  await userEvent.click(screen.getByRole('menuitem', { name }))
}

describe('MessageItem', () => {
  afterEach(cleanup)

  it('says who wrote a message, and which message its buttons act on, to assistive technology', () => {
    renderItem(item({ content: 'see you at noon' }), true)
    expect(screen.getByRole('listitem').textContent).toMatch(/^You: see you at noon/)
    const describedBy = screen.getByRole('button', { name: 'More actions' }).getAttribute('aria-describedby')
    expect(document.getElementById(describedBy!)?.textContent).toBe('see you at noon')
  })

  it('counts down in the editor too, and says why Save is off past the limit', async () => {
    renderItem(item({ content: 'short' }), true)
    await choose('Edit')
    const editor = screen.getByLabelText('Edit message')
    await userEvent.clear(editor)
    await userEvent.click(editor)
    await userEvent.paste('e'.repeat(4003))
    expect(screen.getByText('3 over the limit')).toBeTruthy()
    expect(editor.getAttribute('aria-invalid')).toBe('true')
    expect(screen.getByRole('button', { name: 'Save' })).toHaveProperty('disabled', true)
  })

  it('puts the keyboard back on More actions after the editor closes', async () => {
    renderItem(item({ content: 'typo hree' }), true)
    await choose('Edit')
    expect(document.activeElement).toBe(screen.getByLabelText('Edit message'))
    await userEvent.keyboard('{Escape}')
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'More actions' }))
  })

  it('renders content as text and offers Edit/Delete only on own messages', async () => {
    renderItem(item({ editedAt: '2026-01-01T12:05:00.000Z' }), false, { ...actions(), onReport: vi.fn(), onReply: vi.fn(), onReact: vi.fn() })
    expect(screen.getByText('<img src=x onerror=alert(1)>')).toBeTruthy()
    expect(document.querySelector('img')).toBeNull()
    expect(screen.getByText(/edited/)).toBeTruthy()
    await userEvent.click(screen.getByRole('button', { name: 'More actions' }))
    expect(screen.getAllByRole('menuitem').map((i) => i.textContent)).toEqual(['Reply', 'React', 'Report'])
    cleanup()
    renderItem(item(), true, { ...actions(), onReport: vi.fn(), onReply: vi.fn(), onReact: vi.fn() })
    await userEvent.click(screen.getByRole('button', { name: 'More actions' }))
    expect(screen.getAllByRole('menuitem').map((i) => i.textContent)).toEqual(['Reply', 'React', 'Edit', 'Delete'])
  })

  it('edits with Save and deletes', async () => {
    const handlers = renderItem(item({ content: 'hello' }), true)
    await choose('Edit')
    const box = screen.getByLabelText('Edit message')
    await userEvent.clear(box)
    await userEvent.type(box, 'hello again')
    await userEvent.click(screen.getByRole('button', { name: 'Save' }))
    expect(handlers.onEdit).toHaveBeenCalledWith(7, 'hello again')
    await choose('Delete')
    expect(handlers.onDelete).toHaveBeenCalledWith(7)
  })

  it('shows a failed send with Retry', async () => {
    const handlers = renderItem(item({ id: null, tempId: 't1', key: 't:t1', content: 'hi', status: 'failed', error: 'offline' }), true)
    expect(screen.getByText(/Not sent: offline/)).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'More actions' })).toBeNull()
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }))
    expect(handlers.onRetry).toHaveBeenCalledWith('t1')
  })

  it('shows a readable line for a removed message', () => {
    renderItem(item({ status: 'removed', content: '' }), false)
    expect(screen.getByText('This message was removed')).toBeTruthy()
  })

  it('says when a moderator removed a message, or edited it', () => {
    renderItem(item({ status: 'removed', content: '', removedBy: 'moderator' }), false)
    expect(screen.getByRole('listitem').textContent).toBe('Removed by a moderator')
    cleanup()
    renderItem(item({ content: 'tidied', editedAt: '2026-01-01T12:05:00.000Z', editedByModerator: true }), false)
    expect(screen.getByText(/edited by a moderator/)).toBeTruthy()
    cleanup()
    renderItem(item({ content: 'tidied', editedAt: '2026-01-01T12:05:00.000Z' }), false)
    expect(screen.queryByText(/moderator/)).toBeNull()
    expect(screen.getByText(/· edited$/)).toBeTruthy()
  })
})
