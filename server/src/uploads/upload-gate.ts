// Before an upload's body (up to its collection's file size) is read into memory: the request must
// carry a valid login (cookie or JWT; Payload's own auth, one token check and a user lookup), and
// only a few uploads are read at once per process. Logged out is a 401 without reading the body;
// over the cap a 503 with Retry-After, so many large requests cannot hold the process's memory.
import { getPayload, type SanitizedConfig } from 'payload'

import { jsonError } from '../http/error-body.mjs'

// A message holds up to 10 files, which a client may upload at once: room for one such send and more.
export const MAX_UPLOADS_IN_FLIGHT = 16
let inFlight = 0

// The answer refusing the upload, or a release to call once its body has been handled.
export async function admitUpload(config: SanitizedConfig | Promise<SanitizedConfig>, request: Request): Promise<Response | (() => void)> {
  const payload = await getPayload({ config })
  const { user } = await payload.auth({ headers: request.headers }).catch(() => ({ user: null }))
  if (!user) return jsonError(401, 'You are not allowed to perform this action.')
  if (inFlight >= MAX_UPLOADS_IN_FLIGHT) {
    return jsonError(503, 'Too many uploads at once: try again in a few seconds.', { 'Retry-After': '5' })
  }
  inFlight++
  let released = false
  return () => {
    if (!released) inFlight--
    released = true
  }
}
