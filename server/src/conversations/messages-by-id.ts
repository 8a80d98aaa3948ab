import type { PayloadRequest } from 'payload'

import type { Message } from '../payload-types'

// The last messages of a list of conversations (DMs, rooms) as REST returns them, by id, read on
// behalf of the user: access decides what they get.
export async function messagesById(req: PayloadRequest, user: PayloadRequest['user'], ids: number[]): Promise<Map<number, Message>> {
  if (ids.length === 0) return new Map()
  const { docs } = await req.payload.find({
    collection: 'messages',
    where: { id: { in: ids } },
    depth: 1,
    limit: ids.length,
    pagination: false,
    overrideAccess: false,
    user,
  })
  return new Map(docs.map((doc) => [doc.id, doc]))
}
