// Serves a web-style handler (Request in, Response out) on Node's own request and response:
// used by server.mjs for /api in production and by the tests' HTTP server, so both run the same
// path without Next's route layers.
import type { IncomingMessage, ServerResponse } from 'node:http'

import { webHeaders } from './web-headers'

export type WebHandler = (request: Request) => Promise<Response>

// The request body as a web stream that never destroys the connection. Node's Readable.toWeb
// destroys the request (and so the socket) when the stream is cancelled, as the body limit does
// past MAX_BODY_BYTES, and holds a paused request when the answer came without reading the body
// (a 413 by Content-Length): either way the client's next request on that keep-alive connection
// was reset. Here the rest of an unread body is discarded, so the connection stays usable.
function requestBody(req: IncomingMessage): { stream: ReadableStream<Uint8Array>; discardRest: () => void } {
  let discarding = false
  const discardRest = () => {
    if (discarding || req.complete) return
    discarding = true
    req.removeAllListeners('data')
    req.resume()
  }
  // The stream is settled once (closed or errored); later events change nothing.
  let settled = false
  const settle = (how: () => void) => {
    if (settled || discarding) return
    settled = true
    how()
  }
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      req.on('data', (chunk: Buffer) => {
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength))
        if ((controller.desiredSize ?? 0) <= 0) req.pause()
      })
      req.once('end', () => settle(() => controller.close()))
      req.once('error', (error) => settle(() => controller.error(error)))
      // The client went away mid-body: fail the read rather than leave the handler waiting.
      req.once('close', () => !req.complete && settle(() => controller.error(new Error('The client closed the request.'))))
    },
    pull: () => void req.resume(),
    cancel: discardRest,
  })
  return { stream, discardRest }
}

export async function serveWebHandler(req: IncomingMessage, res: ServerResponse, handler: WebHandler): Promise<void> {
  const aborted = new AbortController()
  res.on('close', () => aborted.abort())
  const body = req.method !== 'GET' && req.method !== 'HEAD' ? requestBody(req) : null
  const request = new Request(`http://${req.headers.host ?? 'localhost'}${req.url}`, {
    method: req.method,
    headers: webHeaders(req),
    body: body?.stream,
    signal: aborted.signal,
    // @ts-expect-error Node needs duplex for streamed request bodies
    duplex: 'half',
  })
  const response = await handler(request)
  // Answered without reading the whole body (a 413): the rest is read and thrown away.
  body?.discardRest()
  const outHeaders: Record<string, string | string[]> = {}
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') outHeaders[name] = value
  })
  const cookies = response.headers.getSetCookie()
  if (cookies.length) outHeaders['set-cookie'] = cookies
  res.writeHead(response.status, outHeaders)
  if (!response.body) return void res.end()
  const reader = response.body.getReader()
  aborted.signal.addEventListener('abort', () => void reader.cancel().catch(() => {}), { once: true })
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      if (!res.write(value)) await drainedOrClosed(res)
      if (res.destroyed) return
    }
  } catch {
    // the body was errored or cancelled: cut the connection
    res.destroy()
    return
  }
  res.end()
}

// A client that leaves mid-answer never drains its socket: 'close' ends the wait too, or the
// request would count as in flight for good and every later shutdown would wait it out.
function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done)
      res.off('close', done)
      resolve()
    }
    res.once('drain', done)
    res.once('close', done)
  })
}
