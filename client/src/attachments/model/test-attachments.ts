import type { AttachmentRef } from '@payload-chat/server/protocol'

// An attachment as the server describes it, for tests.
export function makeAttachment(id: number, overrides: Partial<AttachmentRef> = {}): AttachmentRef {
  return {
    id,
    filename: `photo-${id}.png`,
    mimeType: 'image/png',
    filesize: 2048,
    width: 800,
    height: 600,
    url: `/api/attachments/file/photo-${id}.png`,
    thumbnailUrl: `/api/attachments/file/photo-${id}-480x360.png`,
    ...overrides,
  }
}
