// GET /api/messages/sse on Node's own request and response, for server.mjs: the same stream as
// the Payload endpoint, without a Next request held open per stream (see docs/performance.md).
import type { IncomingMessage, ServerResponse } from 'node:http'
import { executeAuthStrategies, headersWithCors, type Payload, type PayloadRequest } from 'payload'

import { withOwnOriginAsSameOrigin } from '../http/own-origin'
import { addApiSecurityHeaders } from '../http/security-headers'
import { webHeaders } from '../http/web-headers'
import { logClientError } from '../logging/client-errors'
import { refusalBody, refusalHeaders } from './endpoint'
import { NodeResponseSink } from './sinks'
import { SSE_HEADERS } from './sse-wire'
import { openSubscription } from './subscription'

export type NodeStreamHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>

export const isStreamRequest = (method: string | undefined, url: string | undefined): boolean =>
  method === 'GET' && (url === '/api/messages/sse' || Boolean(url?.startsWith('/api/messages/sse?')))

export function createNodeStreamHandler(payload: Payload): NodeStreamHandler {
  return async (req, res) => {
    // The same strategies (cookie with its CSRF check, JWT header) as every REST request.
    const headers = withOwnOriginAsSameOrigin(webHeaders(req), 'http:')
    const { user } = await executeAuthStrategies({ headers, payload, isGraphQL: false, canSetHeaders: false })
    const url = new URL(req.url ?? '/', 'http://localhost')
    const cursor = headers.get('last-event-id') ?? url.searchParams.get('lastEventId')
    const opened = openSubscription(payload, user?.collection === 'users' ? user : null, cursor, () => new NodeResponseSink(res))
    // The CORS and security headers Payload and handleApiRequest put on every other /api answer.
    const withCors = (base: Record<string, string>) =>
      Object.fromEntries(addApiSecurityHeaders(headersWithCors({ headers: new Headers(base), req: { payload, headers } as PayloadRequest })))
    if (!opened.ok) {
      logClientError(payload.logger, 'GET', url.pathname, opened.status, { errors: [{ message: opened.message }] })
      res.writeHead(opened.status, withCors(refusalHeaders(opened))).end(refusalBody(opened))
      return
    }
    res.writeHead(200, withCors(SSE_HEADERS))
    res.flushHeaders()
  }
}
