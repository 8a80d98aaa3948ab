import { describe, expect, it } from 'vitest'

import { attachmentsSummary, inlineSize, INLINE_IMAGE_WIDTH, isImage, splitAttachments } from './display'
import { makeAttachment } from './test-attachments'

const pdf = makeAttachment(2, { filename: 'report.pdf', mimeType: 'application/pdf', width: null, height: null, thumbnailUrl: null })

describe('attachments on display', () => {
  it('shows images inline and other files as links, in their order', () => {
    const svgLike = makeAttachment(3, { mimeType: 'image/svg+xml' })
    const { images, files } = splitAttachments([makeAttachment(1), pdf, svgLike, makeAttachment(4)])
    expect(images.map((a) => a.id)).toEqual([1, 4])
    expect(files.map((a) => a.id)).toEqual([2, 3])
    expect(isImage(makeAttachment(5, { width: null }))).toBe(false)
  })

  it('reserves the aspect ratio, never wider than the image or the inline width', () => {
    expect(inlineSize(makeAttachment(1, { width: 800, height: 600 }))).toEqual({ width: INLINE_IMAGE_WIDTH, height: 180 })
    expect(inlineSize(makeAttachment(1, { width: 100, height: 300 }))).toEqual({ width: 100, height: 300 })
    expect(inlineSize(makeAttachment(1, { width: 4000, height: 10 }))).toEqual({ width: INLINE_IMAGE_WIDTH, height: 1 })
  })

  it('summarises files for a preview', () => {
    expect(attachmentsSummary([])).toBe('')
    expect(attachmentsSummary([pdf])).toBe('📎 report.pdf')
    expect(attachmentsSummary([makeAttachment(1)])).toBe('🖼 photo-1.png')
    expect(attachmentsSummary([makeAttachment(1), makeAttachment(4)])).toBe('📎 2 images')
    expect(attachmentsSummary([makeAttachment(1), pdf])).toBe('📎 2 files')
  })
})
