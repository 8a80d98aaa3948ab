import { APIError, type CollectionBeforeOperationHook } from 'payload'

// What a report says about itself is the server's: who reported it (the logged-in member), the
// snapshot of the message, and its state (open until a moderator resolves it). A create that names
// any of them is refused, not silently corrected: a member must not file a report in someone else's
// name or file it already resolved. `status: 'open'` (the admin panel's form sends the default)
// changes nothing and is accepted. Trusted server code with no user may set them.
const SERVER_SET = ['reporter', 'reportedMessageId', 'content', 'author', 'room', 'receiver', 'resolution', 'resolvedBy', 'resolvedAt'] as const

const isGiven = (value: unknown) => value !== undefined && value !== null && value !== ''

export const refuseServerSetFields: CollectionBeforeOperationHook<'reports'> = ({ args, operation, req }) => {
  if (operation !== 'create' || !req.user) return args
  const data = (args as { data?: Record<string, unknown> }).data
  if (!data || typeof data !== 'object') return args
  const given: string[] = SERVER_SET.filter((field) => isGiven(data[field]))
  if (isGiven(data.status) && data.status !== 'open') given.push('status')
  if (given.length) {
    const names = given.map((field) => `"${field}"`).join(', ')
    throw new APIError(`${names} ${given.length > 1 ? 'are' : 'is'} set by the server: send only "message", "reason" and "note".`, 400)
  }
  return args
}
