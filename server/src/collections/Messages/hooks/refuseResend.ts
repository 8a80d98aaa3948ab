import { APIError, type CollectionBeforeChangeHook } from 'payload'

// A send retried after its answer was lost carries the same clientId: answer 409 with the stored
// message's id instead of storing it twice (the unique index on sender + clientId is the backstop
// for two copies racing each other).
export const refuseResend: CollectionBeforeChangeHook = async ({ data, operation, req }) => {
  if (operation !== 'create' || !data.clientId) return data
  const stored = await req.payload.db.findOne<{ id: number }>({
    collection: 'messages',
    where: { and: [{ sender: { equals: data.sender } }, { clientId: { equals: data.clientId } }] },
    req,
  })
  if (stored) throw new APIError('This message was already sent.', 409, { id: stored.id }, true)
  return data
}
