// The audit trail and reports as the moderation tests read them.
import type { Payload, Where } from 'payload'

// What only admins read of a report: who reported it, the snapshot of the message, and how and by
// whom it was resolved (collections/Reports).
export const ADMIN_REPORT_FIELDS = ['reporter', 'content', 'author', 'room', 'receiver', 'resolution', 'resolvedBy'] as const

// The id of the newest audit entry (0 when there is none): entries after it are a test's own.
export async function lastEntryId(payload: Payload): Promise<number> {
  const { docs } = await payload.find({ collection: 'moderation-log', sort: '-id', limit: 1, overrideAccess: true })
  return docs[0]?.id ?? 0
}

export async function entriesAfter(payload: Payload, id: number) {
  const where: Where = id > 0 ? { id: { greater_than: id } } : {}
  return (await payload.find({ collection: 'moderation-log', where, sort: 'id', limit: 100, overrideAccess: true })).docs
}
