import { cleanup, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'

import { Composer } from './composer'

describe('Composer', () => {
  afterEach(cleanup)

  it('sends the trimmed text on Enter and clears the box', async () => {
    const onSend = vi.fn()
    render(<Composer onSend={onSend} />)
    const box = screen.getByLabelText('Message')
    await userEvent.type(box, '  hello there {Enter}')
    expect(onSend).toHaveBeenCalledWith('hello there')
    expect(box).toHaveProperty('value', '')
  })

  it('Shift+Enter adds a newline instead of sending', async () => {
    const onSend = vi.fn()
    render(<Composer onSend={onSend} />)
    const box = screen.getByLabelText('Message')
    await userEvent.type(box, 'line one{Shift>}{Enter}{/Shift}line two')
    expect(onSend).not.toHaveBeenCalled()
    expect(box).toHaveProperty('value', 'line one\nline two')
    await userEvent.click(screen.getByRole('button', { name: 'Send' }))
    expect(onSend).toHaveBeenCalledWith('line one\nline two')
  })

  it('disables Send when empty or blank', async () => {
    const onSend = vi.fn()
    render(<Composer onSend={onSend} />)
    const send = screen.getByRole('button', { name: 'Send' })
    expect(send).toHaveProperty('disabled', true)
    await userEvent.type(screen.getByLabelText('Message'), '   {Enter}')
    expect(send).toHaveProperty('disabled', true)
    expect(onSend).not.toHaveBeenCalled()
  })

  it("starts from the conversation's draft and reports every change, the clearing send included", async () => {
    const onDraftChange = vi.fn()
    const onSend = vi.fn()
    render(<Composer onSend={onSend} draft="half a thou" onDraftChange={onDraftChange} />)
    const box = screen.getByLabelText('Message')
    expect(box).toHaveProperty('value', 'half a thou')
    await userEvent.type(box, 'ght{Enter}')
    expect(onDraftChange).toHaveBeenCalledWith('half a thought')
    expect(onSend).toHaveBeenCalledWith('half a thought')
    expect(onDraftChange).toHaveBeenLastCalledWith('')
  })

  it('counts down near the limit and refuses text over 4,000 characters', async () => {
    const onSend = vi.fn()
    render(<Composer onSend={onSend} />)
    const box = screen.getByLabelText('Message')
    await userEvent.click(box)
    await userEvent.paste('a'.repeat(3990))
    expect(screen.getByText('10 left')).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Send' })).toHaveProperty('disabled', false)
    await userEvent.paste('b'.repeat(15))
    expect(screen.getByText('5 over the limit')).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Send' })).toHaveProperty('disabled', true)
    await userEvent.keyboard('{Enter}')
    expect(onSend).not.toHaveBeenCalled()
  })
})
