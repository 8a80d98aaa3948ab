import { APIError, type CollectionBeforeOperationHook } from 'payload'

// An upload is the logged-in user's: `uploadedBy` (and what links it elsewhere, `fields`) are the
// server's to set, so a client that sends them is told so (400) rather than ignored or believed.
// No other field is the client's to send either. The server's own Local API calls
// (overrideAccess) set them as they need.
export const setUploader =
  (serverFields: string[]): CollectionBeforeOperationHook =>
  ({ args, operation, req }) => {
    if (operation !== 'create' || (args as { overrideAccess?: boolean }).overrideAccess) return args
    const data = ((args as { data?: Record<string, unknown> }).data ??= {})
    const given = ['uploadedBy', ...serverFields].filter((field) => data[field] !== undefined && data[field] !== null)
    if (given.length > 0) {
      const names = given.map((field) => `"${field}"`).join(', ')
      throw new APIError(`${names} ${given.length > 1 ? 'are' : 'is'} set by the server: leave ${given.length > 1 ? 'them' : 'it'} out of the request.`, 400)
    }
    // Everything else about an upload is measured from the file (width, height, sizes…): a value
    // sent for it was stored as given for files Payload does not measure (a PDF "99999 wide").
    const unknown = Object.keys(data).filter((key) => data[key] !== undefined && data[key] !== null)
    if (unknown.length > 0) {
      throw new APIError(`An upload takes only its file: ${unknown.map((key) => `"${key}"`).join(', ')} cannot be sent.`, 400)
    }
    if (req.user) data.uploadedBy = req.user.id
    return args
  }
