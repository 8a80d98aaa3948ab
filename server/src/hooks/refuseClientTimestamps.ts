import { APIError, combineQueries, executeAccess, type CollectionBeforeOperationHook, type PayloadRequest, type SanitizedCollectionConfig } from 'payload'

// Every date a document carries (createdAt, updatedAt, a message's timestamp and editedAt, and any
// date field added later) is the server's to set. A request that names one is refused with a 400
// rather than having it silently dropped: a writer who could choose updatedAt could make their
// copy of a message look newer than a moderator's later edit, or backdate what they wrote. Sending
// back the value already stored (the admin panel's forms round-trip them) changes nothing and is
// accepted. Only trusted server code writing through the database adapter sets them otherwise.
const isGiven = (value: unknown) => value !== undefined && value !== null && value !== ''

const sameInstant = (a: unknown, b: unknown) => isGiven(b) && Date.parse(String(a)) === Date.parse(String(b))

// The stored document, only if the caller may update it (read as Payload's update reads it: its
// update access combined into one direct query, no hooks). For any other document a right guess and
// a wrong one get the same 400, so the answer tells nothing about dates the caller cannot read.
export async function storedIfUpdatable(
  args: { id?: number | string; data?: unknown; overrideAccess?: boolean },
  collection: SanitizedCollectionConfig,
  req: PayloadRequest,
): Promise<Record<string, unknown> | null> {
  const { id, data, overrideAccess } = args
  if (id === undefined) return null
  const access = overrideAccess
    ? true
    : await executeAccess({ id, data, disableErrors: true, req }, collection.access.update)
  if (!access) return null
  const where = combineQueries({ id: { equals: id } }, access)
  return (await req.payload.db.findOne({ collection: collection.slug, where, req })) as Record<string, unknown> | null
}

export const refuseClientTimestamps: CollectionBeforeOperationHook = async ({ args, collection, operation, req }) => {
  if (operation !== 'create' && operation !== 'update') return args
  const data = (args as { data?: unknown }).data
  if (!data || typeof data !== 'object' || Array.isArray(data)) return args
  // Hidden dates (a password reset's expiry) are Payload's own bookkeeping, which it writes
  // through this same operation; no client ever reads or sets them. A date that is a choice, not
  // a record (when a suspension ends), says so with `custom: { chosenByClient: true }`: its field
  // access decides who sets it.
  const given = collection.flattenedFields.filter(
    (field) =>
      field.type === 'date' &&
      !('hidden' in field && field.hidden) &&
      !field.custom?.chosenByClient &&
      isGiven((data as Record<string, unknown>)[field.name]),
  )
  if (given.length === 0) return args

  const stored = operation === 'update' ? await storedIfUpdatable(args, collection, req) : null
  const changed = given.filter((field) => !sameInstant((data as Record<string, unknown>)[field.name], stored?.[field.name]))
  if (changed.length) {
    const names = changed.map((field) => `"${field.name}"`).join(', ')
    throw new APIError(`${names} ${changed.length > 1 ? 'are' : 'is'} set by the server: leave ${changed.length > 1 ? 'them' : 'it'} out of the request.`, 400)
  }
  return args
}
