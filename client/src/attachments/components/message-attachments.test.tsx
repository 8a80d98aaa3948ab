import { cleanup, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'

import { makeAttachment } from '../model/test-attachments'
import { MessageAttachments } from './message-attachments'

const pdf = makeAttachment(3, { filename: 'report.pdf', mimeType: 'application/pdf', filesize: 1.2 * 1024 * 1024, width: null, height: null, thumbnailUrl: null, url: '/api/attachments/file/report.pdf' })

beforeAll(() => {
  // happy-dom's <dialog> has no modal mode.
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.setAttribute('open', '')
  }
})

describe('MessageAttachments', () => {
  afterEach(cleanup)

  it('shows images as thumbnails in reserved space and other files as a named link with their size', () => {
    render(<MessageAttachments attachments={[makeAttachment(1, { width: 1600, height: 900 }), pdf]} />)
    const image = screen.getByRole('img', { name: 'photo-1.png' })
    expect(image.getAttribute('src')).toBe('/api/attachments/file/photo-1-480x360.png')
    expect([image.getAttribute('width'), image.getAttribute('height')]).toEqual(['240', '135'])
    expect(image.style.aspectRatio).toBe('240 / 135')
    const link = screen.getByRole('link', { name: /report\.pdf/ })
    expect(link.textContent).toBe('📎 report.pdf · 1.2 MB')
    expect(link.getAttribute('href')).toBe('/api/attachments/file/report.pdf')
  })

  it('opens the viewer on the clicked image and pages through the others', async () => {
    render(<MessageAttachments attachments={[makeAttachment(1), pdf, makeAttachment(2)]} />)
    await userEvent.click(screen.getByRole('button', { name: 'photo-2.png' }))
    const viewer = screen.getByRole('dialog', { name: /photo-2\.png/ })
    expect(within(viewer).getByRole('img').getAttribute('src')).toBe('/api/attachments/file/photo-2.png')
    expect(viewer.textContent).toContain('(2 of 2)')
    await userEvent.click(within(viewer).getByRole('button', { name: 'Next ›' }))
    expect(within(viewer).getByRole('img', { name: 'photo-1.png' })).toBeTruthy()
    await userEvent.keyboard('{ArrowLeft}')
    expect(within(viewer).getByRole('img', { name: 'photo-2.png' })).toBeTruthy()
    await userEvent.keyboard('{Escape}')
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  it('shows nothing for a message without files', () => {
    const { container } = render(<MessageAttachments attachments={[]} />)
    expect(container.innerHTML).toBe('')
  })
})
