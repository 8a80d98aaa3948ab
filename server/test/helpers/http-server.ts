// A real HTTP server in front of the one /api entry production uses (src/http/api-entry.ts), so
// REST and the SSE stream are tested over sockets without a build: on Node's own request and
// response as server.mjs serves it, or with `stream: 'endpoint'` through the web Request/Response
// transport the Next route (`next dev`) uses.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { getPayload, type Payload } from 'payload'

import { errorBody } from '../../src/http/error-body.mjs'
import { createApiEntry } from '../../src/http/api-entry'
import { serveWebHandler } from '../../src/http/web-on-node'
import { peerAwareListener } from '../../src/limits/peer-address.mjs'
import config from '../../src/payload.config'

export interface TestServer {
  url: string
  payload: Payload
  server: http.Server
  close(): Promise<void>
}

export interface TestServerOptions {
  port?: number
  stream?: 'node' | 'endpoint'
}

export async function startTestServer({ port = 0, stream = 'node' }: TestServerOptions = {}): Promise<TestServer> {
  const payload = await getPayload({ config })
  const entry = createApiEntry(config)
  const handle =
    stream === 'node' ? entry.node : (req: http.IncomingMessage, res: http.ServerResponse) => serveWebHandler(req, res, entry.web)
  // Peer-aware like server.mjs: the limits see each client's own address.
  const server = http.createServer(
    peerAwareListener((req: http.IncomingMessage, res: http.ServerResponse) => {
      const handled = handle(req, res)
      void handled.catch((error) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' })
        res.end(JSON.stringify(errorBody(String(error))))
      })
    }),
  )
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
