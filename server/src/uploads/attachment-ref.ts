import type { Attachment } from '../payload-types'
import type { AttachmentRef } from '../protocol'

// An upload as a message carries it (protocol/rich.ts), with the URLs Payload serves it at.
export function attachmentRefOf(doc: Attachment): AttachmentRef {
  return {
    id: doc.id,
    filename: doc.filename ?? '',
    mimeType: doc.mimeType ?? 'application/octet-stream',
    filesize: doc.filesize ?? 0,
    width: doc.width ?? null,
    height: doc.height ?? null,
    url: doc.url ?? '',
    thumbnailUrl: doc.sizes?.thumbnail?.url ?? null,
  }
}

// The ids of a message's stored refs (a row written by hand may hold anything).
export function attachmentIdsOf(refs: unknown): number[] {
  if (!Array.isArray(refs)) return []
  return refs.map((ref) => Number((ref as { id?: unknown } | null)?.id)).filter((id) => Number.isInteger(id) && id > 0)
}

// Set while a request deletes messages: their attachments go with them, and an attachment's own
// deletion must not then try to update the message it belonged to.
export const MESSAGES_BEING_DELETED = 'messagesBeingDeleted'

export function messagesBeingDeleted(context: Record<string, unknown>): Set<number> {
  return ((context[MESSAGES_BEING_DELETED] as Set<number> | undefined) ??= new Set<number>())
}
