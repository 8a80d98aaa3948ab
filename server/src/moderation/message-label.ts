import type { PayloadRequest } from 'payload'

import { type Ref, refId } from './refs'

type Named = 'users' | 'rooms'

// The name of a user or room as it is now, whether the hook got it populated or as an id; a
// document that is gone by now is named by what it was.
async function nameOf(req: PayloadRequest, collection: Named, value: Ref): Promise<string> {
  if (value && typeof value === 'object' && typeof value.name === 'string') return value.name
  const id = refId(value)
  if (id === null) return collection === 'users' ? 'a deleted user' : 'a deleted room'
  const doc = await req.payload.db.findOne<{ id: number; name?: string }>({ collection, where: { id: { equals: id } }, req })
  return doc?.name ?? `${collection === 'users' ? 'user' : 'room'} ${id}`
}

// How the audit trail names a message: "Alice in #general" or "Alice → Bob".
export async function describeMessage(req: PayloadRequest, message: { sender?: Ref; receiver?: Ref; room?: Ref }): Promise<string> {
  const sender = await nameOf(req, 'users', message.sender)
  if (refId(message.room) !== null) return `${sender} in #${await nameOf(req, 'rooms', message.room)}`
  return `${sender} → ${await nameOf(req, 'users', message.receiver)}`
}
