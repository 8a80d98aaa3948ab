// A real HTTP server in front of the handlers production uses, so REST and the SSE stream are
// tested over sockets without a build: the stream goes to the Node stream handler (as server.mjs
// does) or, with `stream: 'endpoint'`, to the Payload endpoint (as `next dev` does); everything
// else to handleApiRequest, the handler of the Next route (our limits, then Payload's own).
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { getPayload, type Payload } from 'payload'

import { handleApiRequest } from '../../src/http/handle-api-request'
import { serveWebHandler } from '../../src/http/node-adapter'
import { createNodeApiHandler } from '../../src/node-handlers'
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
  // What server.mjs serves /api with, or with `stream: 'endpoint'` the Next route's handler alone.
  const handle = stream === 'node' ? createNodeApiHandler(payload) : serveWithRoute
  // Peer-aware like server.mjs: the limits see each client's own address.
  const server = http.createServer(
    peerAwareListener((req: http.IncomingMessage, res: http.ServerResponse) => {
      const handled = handle(req, res)
      void handled.catch((error) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ errors: [{ message: String(error) }] }))
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

const serveWithRoute = (req: http.IncomingMessage, res: http.ServerResponse) => serveWebHandler(req, res, handleApiRequest)
