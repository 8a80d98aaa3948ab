import config from '@payload-config'

import { createApiEntry } from '../../../../http/api-entry'

// The SSE stream is long-lived: never cache or statically render these routes.
export const dynamic = 'force-dynamic'

// One handler for every method: the same /api entry server.mjs and the tests' HTTP server use.
const { web } = createApiEntry(config)

export const GET = web
export const POST = web
export const DELETE = web
export const PATCH = web
export const PUT = web
export const OPTIONS = web
