import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'

import { NotifyLevelSelect } from './notify-level'

// Review finding 12: a failed change's error describes the select; it is not part of its name.
describe('NotifyLevelSelect', () => {
  afterEach(cleanup)

  it('keeps the name "Notify" and gives the error as its description', async () => {
    render(<NotifyLevelSelect value="mentions" onChange={() => Promise.reject(new Error('Not allowed'))} />)
    fireEvent.change(screen.getByRole('combobox', { name: 'Notify' }), { target: { value: 'all' } })
    await screen.findByRole('alert')
    const select = screen.getByRole('combobox', { name: 'Notify' })
    expect(document.getElementById(select.getAttribute('aria-describedby')!)?.textContent).toBe('Not allowed')
  })
})
