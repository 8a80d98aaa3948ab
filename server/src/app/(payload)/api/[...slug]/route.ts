import { handleApiRequest } from '../../../../http/handle-api-request'

// The SSE stream is long-lived: never cache or statically render these routes.
export const dynamic = 'force-dynamic'

// One handler for every method: body and rate limits, then Payload's REST handler (the same path
// the tests' HTTP server takes, see test/helpers/http-server.ts).
const handle = (request: Request) => handleApiRequest(request)

export const GET = handle
export const POST = handle
export const DELETE = handle
export const PATCH = handle
export const PUT = handle
export const OPTIONS = handle
