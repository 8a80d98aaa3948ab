// GET /api/messages/sse as a Payload endpoint: the stream as a web Response. Serves `next dev`
// (and any host of Payload's route handlers); production serves the same stream from
// node-handler.ts, in front of Next.
import type { Endpoint, PayloadRequest } from 'payload'

import { env } from '../env'
import { WebStreamSink } from './sinks'
import { SSE_HEADERS } from './sse-wire'
import { openSubscription, type StreamRefusal } from './subscription'

export const refusalBody = ({ message }: StreamRefusal) => JSON.stringify({ errors: [{ message }] })

export const refusalHeaders = ({ retryAfterSeconds }: StreamRefusal): Record<string, string> => ({
  'Content-Type': 'application/json',
  ...(retryAfterSeconds ? { 'Retry-After': String(retryAfterSeconds) } : {}),
})

export const streamEndpoint: Endpoint = {
  path: '/sse',
  method: 'get',
  handler: (req: PayloadRequest) => {
    const user = req.user?.collection === 'users' ? req.user : null
    const cursor = req.headers.get('last-event-id') ?? req.searchParams?.get('lastEventId') ?? null
    let sink: WebStreamSink | undefined
    const opened = openSubscription(req.payload, user, cursor, () => (sink = new WebStreamSink(env.stream.maxBufferedBytes)))
    if (!opened.ok) return new Response(refusalBody(opened), { status: opened.status, headers: refusalHeaders(opened) })
    // A request aborted before this handler ran (the client left during routing or auth) fires
    // no more 'abort' events: end its stream now.
    if (req.signal?.aborted) opened.subscriber.end()
    else req.signal?.addEventListener('abort', () => opened.subscriber.end(), { once: true })
    return new Response(sink!.stream, { status: 200, headers: SSE_HEADERS })
  },
}
