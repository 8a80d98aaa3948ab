import { cleanup, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'

import { ApiError } from '../../../lib/api-client'
import type { ChatItem } from '../model/types'
import { MessageItem, type MessageActions } from './message-item'

const bobsMessage: ChatItem = {
  key: 'm:7',
  id: 7,
  tempId: null,
  senderId: 2,
  senderName: 'Bob',
  receiverId: 1,
  roomId: null,
  mentions: [],
  mentionsRoom: false,
  attachments: [],
  content: 'buy cheap pills',
  timestamp: '2026-01-01T12:00:00.000Z',
  editedAt: null,
  editedByModerator: false,
  position: 0,
  status: 'confirmed',
}

const renderMessage = (onReport: MessageActions['onReport'], own = false) => {
  const actions: MessageActions = { onRetry: vi.fn(), onDiscard: vi.fn(), onEdit: vi.fn(async () => {}), onDelete: vi.fn(async () => {}), onReport }
  render(
    <ul>
      <MessageItem item={bobsMessage} own={own} author={own ? 'You' : 'Bob'} actions={actions} />
    </ul>,
  )
}

// Opens the message's menu and picks Report; returns the "More actions" button (the focus comes back there).
const openReport = async () => {
  const more = screen.getByRole('button', { name: 'More actions' })
  await userEvent.click(more)
  await userEvent.click(screen.getByRole('menuitem', { name: 'Report' }))
  return more
}

describe('Report on a message', () => {
  afterEach(cleanup)

  it('is offered on other people’s messages only', async () => {
    renderMessage(vi.fn())
    expect(screen.getByRole('button', { name: 'More actions' }).getAttribute('aria-describedby')).toBe('content-m:7')
    await userEvent.click(screen.getByRole('button', { name: 'More actions' }))
    expect(screen.getByRole('menuitem', { name: 'Report' })).toBeTruthy()
    cleanup()
    renderMessage(vi.fn(), true)
    await userEvent.click(screen.getByRole('button', { name: 'More actions' }))
    expect(screen.queryByRole('menuitem', { name: 'Report' })).toBeNull()
  })

  it('opens a labelled modal dialog with the focus on the first reason; Escape cancels and gives the focus back', async () => {
    const onReport = vi.fn()
    renderMessage(onReport)
    const button = await openReport()
    const dialog = screen.getByRole('dialog', { name: 'Report this message' })
    expect(document.getElementById(dialog.getAttribute('aria-describedby')!)?.textContent).toBe('Bob: buy cheap pills')
    expect(document.activeElement).toBe(within(dialog).getByRole('radio', { name: 'Spam' }))
    expect(within(dialog).getByRole('group', { name: 'Why are you reporting it?' })).toBeTruthy()
    // No reason chosen yet: nothing to send.
    expect(within(dialog).getByRole('button', { name: 'Send report' })).toHaveProperty('disabled', true)
    await userEvent.keyboard('{Escape}')
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(document.activeElement).toBe(button)
    expect(onReport).not.toHaveBeenCalled()
  })

  it('sends the reason and note chosen with the keyboard, then says it was reported', async () => {
    const onReport = vi.fn(async () => 'reported' as const)
    renderMessage(onReport)
    const button = await openReport()
    await userEvent.keyboard(' ') // the focused first reason
    await userEvent.keyboard('{ArrowDown}')
    expect(screen.getByRole('radio', { name: 'Abuse' })).toHaveProperty('checked', true)
    await userEvent.tab()
    await userEvent.keyboard('  sends this to everyone  ')
    expect(screen.getByText('478 left')).toBeTruthy()
    await userEvent.click(screen.getByRole('button', { name: 'Send report' }))
    expect(onReport).toHaveBeenCalledWith(7, { reason: 'abuse', note: 'sends this to everyone' })
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(screen.getByRole('status').textContent).toBe('Reported. Moderators will review it.')
    expect(document.activeElement).toBe(button)
  })

  it('says so when you already reported it, and keeps the dialog open on any other refusal', async () => {
    const onReport = vi
      .fn<NonNullable<MessageActions['onReport']>>()
      .mockRejectedValueOnce(new ApiError(429, ['Too many reports. Retry in 30 s.']))
      .mockResolvedValueOnce('already-reported')
    renderMessage(onReport)
    await openReport()
    await userEvent.click(screen.getByRole('radio', { name: 'Spam' }))
    await userEvent.click(screen.getByRole('button', { name: 'Send report' }))
    const dialog = screen.getByRole('dialog', { name: 'Report this message' })
    expect(within(dialog).getByRole('alert').textContent).toBe('Too many reports. Retry in 30 s.')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Send report' }))
    expect(onReport).toHaveBeenLastCalledWith(7, { reason: 'spam', note: null })
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(screen.getByRole('status').textContent).toBe('You already reported this message.')
  })

  it('refuses a note over 500 characters', async () => {
    renderMessage(vi.fn())
    await openReport()
    await userEvent.click(screen.getByRole('radio', { name: 'Other' }))
    const note = screen.getByLabelText('Note for the moderators (optional)')
    await userEvent.click(note)
    await userEvent.paste('n'.repeat(502))
    expect(screen.getByText('2 over the limit')).toBeTruthy()
    expect(note.getAttribute('aria-invalid')).toBe('true')
    expect(screen.getByRole('button', { name: 'Send report' })).toHaveProperty('disabled', true)
  })
})
