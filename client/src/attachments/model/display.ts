// How a message shows its files: images inline (thumbnails in reserved space), others as links.
import { IMAGE_MIME_TYPES, type AttachmentRef } from '@payload-chat/server/protocol'

// The widest an inline image is drawn, in CSS pixels (narrower on a phone: CSS caps it).
export const INLINE_IMAGE_WIDTH = 240

export const isImage = (attachment: AttachmentRef): boolean =>
  (IMAGE_MIME_TYPES as readonly string[]).includes(attachment.mimeType) && (attachment.width ?? 0) > 0 && (attachment.height ?? 0) > 0

// The size an image takes before it loads, from its dimensions: never wider than it is, nor than
// INLINE_IMAGE_WIDTH; the height follows the aspect ratio.
export function inlineSize(attachment: AttachmentRef): { width: number; height: number } {
  const width = attachment.width ?? INLINE_IMAGE_WIDTH
  const height = attachment.height ?? INLINE_IMAGE_WIDTH
  const shown = Math.min(width, INLINE_IMAGE_WIDTH)
  return { width: shown, height: Math.max(1, Math.round((height * shown) / width)) }
}

export function splitAttachments(attachments: readonly AttachmentRef[]): { images: AttachmentRef[]; files: AttachmentRef[] } {
  const images: AttachmentRef[] = []
  const files: AttachmentRef[] = []
  for (const attachment of attachments) (isImage(attachment) ? images : files).push(attachment)
  return { images, files }
}

// A sidebar preview or notification for a message that has files and maybe no text.
export function attachmentsSummary(attachments: readonly AttachmentRef[]): string {
  if (attachments.length === 0) return ''
  const { images } = splitAttachments(attachments)
  if (attachments.length === 1) return `${images.length ? '🖼' : '📎'} ${attachments[0].filename}`
  const noun = images.length === attachments.length ? 'images' : 'files'
  return `📎 ${attachments.length} ${noun}`
}
