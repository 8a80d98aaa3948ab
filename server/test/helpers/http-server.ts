// A real HTTP server in front of the handler the Next route calls (handleApiRequest: our limits,
// then Payload's own handler), so REST and the SSE stream are tested over sockets without a build.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { Readable } from 'node:stream'
import { getPayload, type Payload } from 'payload'

import { handleApiRequest } from '../../src/http/handle-api-request'
import config from '../../src/payload.config'

export interface TestServer {
  url: string
  payload: Payload
  server: http.Server
  close(): Promise<void>
}

export async function startTestServer({ port = 0 }: { port?: number } = {}): Promise<TestServer> {
  const payload = await getPayload({ config })
  const server = http.createServer((req, res) => {
    void handle(req, res).catch((error) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ errors: [{ message: String(error) }] }))
    })
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  const address = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${address.port}`,
    payload,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
  const aborted = new AbortController()
  res.on('close', () => aborted.abort())
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) value.forEach((v) => headers.append(name, v))
    else if (value !== undefined) headers.set(name, value)
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD'
  const request = new Request(`http://${req.headers.host}${req.url}`, {
    method: req.method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream) : undefined,
    signal: aborted.signal,
    // @ts-expect-error Node needs duplex for streamed request bodies
    duplex: 'half',
  })
  const response = await handleApiRequest(request)
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
    // the stream was errored (a dropped subscriber) or cancelled: cut the connection
    res.destroy()
    return
  }
  res.end()
}
