import type { Payload, PayloadRequest } from 'payload'

import type { Message } from '../payload-types'

// Set on reads that need a message's own columns only: the Messages collection then skips adding
// quotes and reactions (collections/Messages/hooks/addRepliesAndReactions.ts).
export const PLAIN_READ = 'plainMessageRead'

// A message as `user` may read it (the Messages collection's read access, on their behalf), its
// conversation only; null when it is missing or theirs to read is not. Without `user` (trusted
// server code), any message. Its own request, not the caller's: the Local API merges `context` into
// a request it is given, which would strip quotes and reactions from the caller's own answer.
export async function readableMessage(
  payload: Payload,
  user: PayloadRequest['user'],
  id: number,
): Promise<Pick<Message, 'id' | 'sender' | 'receiver' | 'room'> | null> {
  const { docs } = await payload.find({
    collection: 'messages',
    where: { id: { equals: id } },
    select: { sender: true, receiver: true, room: true },
    depth: 0,
    limit: 1,
    pagination: false,
    overrideAccess: !user,
    user,
    context: { [PLAIN_READ]: true },
  })
  return docs[0] ?? null
}
