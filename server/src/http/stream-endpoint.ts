// GET /api/messages/sse: the one stream endpoint, with two thin transports. Both authenticate
// the same way as every REST request (cookie with its CSRF check, JWT header), read the cursor
// from Last-Event-ID or ?lastEventId and the scope from ?scope (../realtime/admin-scope.ts),
// refuse (401/400/403/429/503) with the same JSON and headers, and end the subscription when the
// client leaves.
// - streamOnNode: Node's own response (server.mjs in production, the tests' HTTP server): an
//   open stream costs a socket and a few objects rather than a pending Next request.
// - streamOnWeb: a web Response over a ReadableStream (the Next route under `next dev`).
import type { IncomingMessage, ServerResponse } from 'node:http'
import { executeAuthStrategies, headersWithCors, type Payload, type PayloadRequest } from 'payload'

import { env } from '../env'
import { logClientError } from '../logging/client-errors'
import { withCurrentRole } from '../realtime/admin-scope'
import { NodeResponseSink, type StreamSink, WebStreamSink } from '../realtime/sinks'
import { SSE_HEADERS } from '../realtime/sse-wire'
import { openSubscription, type OpenStream } from '../realtime/subscription'
import { errorBody } from './error-body.mjs'
import { withOwnOriginAsSameOrigin } from './own-origin'
import { addApiSecurityHeaders } from './security-headers'
import { webHeaders } from './web-headers'
import { STREAM_PATH } from '../protocol'


// `url` as a request line has it: the path, maybe a query.
export const isStreamRequest = (method: string | undefined, url: string | undefined): boolean =>
  method === 'GET' && (url === STREAM_PATH || Boolean(url?.startsWith(`${STREAM_PATH}?`)))

interface Answer {
  status: number
  headers: Record<string, string>
  // The refusal's JSON; none for an open stream.
  body?: string
}

// What both transports share: who asks, from where, and the answer's status and headers.
async function open(payload: Payload, headers: Headers, url: URL, createSink: () => StreamSink) {
  const trusted = withOwnOriginAsSameOrigin(headers, url.protocol)
  const { user } = await executeAuthStrategies({ headers: trusted, payload, isGraphQL: false, canSetHeaders: false })
  const cursor = trusted.get('last-event-id') ?? url.searchParams.get('lastEventId')
  const scope = url.searchParams.get('scope')
  const opened = openSubscription(await withCurrentRole(payload, user?.collection === 'users' ? user : null, scope), cursor, createSink, scope)
  // The CORS and security headers Payload and the REST path put on every other /api answer.
  const withCors = (base: Record<string, string>) =>
    Object.fromEntries(addApiSecurityHeaders(headersWithCors({ headers: new Headers(base), req: { payload, headers: trusted } as PayloadRequest })))
  return { opened, answer: answerOf(payload, url, opened, withCors) }
}

function answerOf(payload: Payload, url: URL, opened: OpenStream, withCors: (base: Record<string, string>) => Record<string, string>): Answer {
  if (opened.ok) return { status: 200, headers: withCors(SSE_HEADERS) }
  const body = errorBody(opened.message)
  logClientError(payload.logger, 'GET', url.pathname, opened.status, body)
  const headers = {
    'Content-Type': 'application/json',
    ...(opened.retryAfterSeconds ? { 'Retry-After': String(opened.retryAfterSeconds) } : {}),
  }
  return { status: opened.status, headers: withCors(headers), body: JSON.stringify(body) }
}

export async function streamOnNode(payload: Payload, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost')
  // The sink ends the subscription when the response closes (the client left).
  const { answer } = await open(payload, webHeaders(req), url, () => new NodeResponseSink(res))
  res.writeHead(answer.status, answer.headers)
  if (answer.body !== undefined) return void res.end(answer.body)
  res.flushHeaders()
}

export async function streamOnWeb(payload: Payload, request: Request): Promise<Response> {
  let sink: WebStreamSink | undefined
  const { opened, answer } = await open(payload, request.headers, new URL(request.url), () => (sink = new WebStreamSink(env.stream.maxBufferedBytes)))
  if (!opened.ok) return new Response(answer.body, { status: answer.status, headers: answer.headers })
  // A request aborted before this ran (the client left during auth) fires no more 'abort'
  // events: end its stream now.
  if (request.signal.aborted) opened.subscriber.end()
  else request.signal.addEventListener('abort', () => opened.subscriber.end(), { once: true })
  return new Response(sink!.stream, { status: 200, headers: answer.headers })
}
