// Serves a web-style handler (Request in, Response out) on Node's own request and response:
// used by server.mjs for /api in production and by the tests' HTTP server, so both run the same
// path without Next's route layers.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { Readable } from 'node:stream'

import { webHeaders } from './web-headers'

export type WebHandler = (request: Request) => Promise<Response>

export async function serveWebHandler(req: IncomingMessage, res: ServerResponse, handler: WebHandler): Promise<void> {
  const aborted = new AbortController()
  res.on('close', () => aborted.abort())
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD'
  const request = new Request(`http://${req.headers.host ?? 'localhost'}${req.url}`, {
    method: req.method,
    headers: webHeaders(req),
    body: hasBody ? (Readable.toWeb(req) as ReadableStream) : undefined,
    signal: aborted.signal,
    // @ts-expect-error Node needs duplex for streamed request bodies
    duplex: 'half',
  })
  const response = await handler(request)
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
      if (!res.write(value)) await new Promise((resolve) => res.once('drain', resolve))
    }
  } catch {
    // the body was errored or cancelled: cut the connection
    res.destroy()
    return
  }
  res.end()
}
