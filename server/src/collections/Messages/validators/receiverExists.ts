import type { Validate } from 'payload'

// Payload checks the id's shape; this also checks that the user exists, so an unknown receiver
// is a 400 with a clear message instead of a foreign-key failure.
export const receiverExists: Validate = async (value, { req, operation }) => {
  if (value === undefined || value === null || value === '') return 'A receiver is required.'
  const id = typeof value === 'object' && 'value' in value ? value.value : value
  if (!/^\d+$/.test(String(id))) return 'The receiver must be a user id.'
  if (operation === 'update') return true
  const { totalDocs } = await req.payload.count({
    collection: 'users',
    where: { id: { equals: Number(id) } },
    overrideAccess: true,
    req,
  })
  return totalDocs > 0 || `No user with id ${id} exists.`
}
