// The one way into /api. Whoever serves HTTP hands each /api request here: server.mjs in
// production (Node's request and response), the Next route under `next dev` (a web Request), the
// tests' HTTP server (either). This decides "stream or REST" and runs the same checks for all:
// shutdown refuses new work, a request in flight holds the exit back, 4xx answers are logged and
// every answer carries the API's security headers. The config is passed in, never imported.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { getPayload, type SanitizedConfig } from 'payload'

import { isShuttingDown, trackRequest } from '../lifecycle/shutdown'
import { logClientResponse } from '../logging/client-errors'
import { jsonError } from './error-body.mjs'
import { serveRest } from './rest'
import { withApiSecurityHeaders } from './security-headers'
import { isStreamRequest, streamOnNode, streamOnWeb } from './stream-endpoint'
import { serveWebHandler } from './web-on-node'

export interface ApiEntry {
  web(request: Request): Promise<Response>
  node(req: IncomingMessage, res: ServerResponse): Promise<void>
}

export function createApiEntry(config: SanitizedConfig | Promise<SanitizedConfig>): ApiEntry {
  const payload = () => getPayload({ config })

  // The stream lives until the client leaves: shutdown ends it itself instead of waiting on it,
  // and refuses new ones (src/realtime/runtime.ts closeRealtime). On the web path (`next dev`) a
  // stream asked for during shutdown gets the API's "restarting" answer, as it always has.
  async function web(request: Request): Promise<Response> {
    const url = new URL(request.url)
    if (!isShuttingDown() && isStreamRequest(request.method, url.pathname + url.search)) {
      return streamOnWeb(await payload(), request)
    }
    return trackRequest(() => rest(request))
  }

  async function rest(request: Request): Promise<Response> {
    const response = withApiSecurityHeaders(
      isShuttingDown() ? jsonError(503, 'The server is restarting; retry shortly.', { 'Retry-After': '2' }) : await serveRest(config, request),
    )
    // Only a client's mistake is logged: a success or a server error never looks Payload up here.
    if (response.status >= 400 && response.status < 500) await logClientResponse((await payload()).logger, request, response)
    return response
  }

  // In flight until the answer is written, not only computed: a shutdown that exits in between
  // stores the write and loses its 201 (production has nothing else holding the exit back).
  async function node(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (isStreamRequest(req.method, req.url)) return streamOnNode(await payload(), req, res)
    return trackRequest(() => serveWebHandler(req, res, web))
  }

  return { web, node }
}
