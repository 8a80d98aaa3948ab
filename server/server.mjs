// Production entry point (`pnpm start`): Next serves the API, the admin panel and the client;
// the SSE stream is answered on Node's own request and response, so an open stream costs a
// socket and a few objects rather than a pending Next request (see docs/performance.md).
// app.prepare() runs src/instrumentation.ts, which boots Payload (migrations included) and
// registers the stream handler before the port opens.
import { createServer } from 'node:http'
import next from 'next'

const port = Number(process.env.PORT || 3000)
const hostname = process.env.HOSTNAME || '0.0.0.0'
const app = next({ dev: false, dir: import.meta.dirname, hostname, port })
const handleWithNext = app.getRequestHandler()
await app.prepare()

// prepare() does not wait for register() to finish: wait for Payload (and its migrations) here,
// so the port opens on a migrated database.
async function registeredStreamHandler(timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const handler = globalThis[Symbol.for('payload-chat.node-stream-handler')]
    if (typeof handler === 'function') return handler
    if (Date.now() > deadline) throw new Error('Payload did not start: the stream handler was never registered (src/instrumentation.ts).')
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
const streamHandler = await registeredStreamHandler()

const isStreamRequest = (req) =>
  req.method === 'GET' && (req.url === '/api/messages/sse' || req.url?.startsWith('/api/messages/sse?'))

const server = createServer((req, res) => {
  const handled = isStreamRequest(req) ? streamHandler(req, res) : handleWithNext(req, res)
  Promise.resolve(handled).catch((error) => {
    console.error(error)
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ errors: [{ message: 'Something went wrong.' }] }))
  })
})
server.listen(port, hostname, () => console.log(`Payload Chat listening on http://${hostname}:${port}`))
