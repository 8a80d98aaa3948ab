// Production entry point (`pnpm start`): Next serves the admin panel and the client; /api is
// answered on Node's own request and response by the one /api entry the Next route also uses
// (src/http/api-entry.ts), so an open stream costs a socket and a few objects rather than a
// pending Next request, and a REST call skips Next's route layers (see docs/performance.md).
import { createServer } from 'node:http'
import next from 'next'

import { peerAwareListener } from './src/limits/peer-address.mjs'
import { errorBody } from './src/http/error-body.mjs'
import { API_ENTRY, existingProcessGlobal } from './src/process-global.mjs'

const port = Number(process.env.PORT || 3000)
const hostname = process.env.HOSTNAME || '0.0.0.0'
const app = next({ dev: false, dir: import.meta.dirname, hostname, port })
const handleWithNext = app.getRequestHandler()
await app.prepare()

// Set by Payload's onInit (src/payload.config.ts) in the app's own module graph. Until then /api
// goes to Next, whose route serves the same entry.
const apiEntry = () => existingProcessGlobal(API_ENTRY)

function handlerFor(req) {
  const api = apiEntry()
  return api && req.url?.startsWith('/api/') ? api.node : handleWithNext
}

// Peer-aware: every request runs knowing its TCP peer, the client address of the limits.
const server = createServer(
  peerAwareListener((req, res) => {
    const handled = handlerFor(req)(req, res)
    Promise.resolve(handled).catch((error) => {
      console.error(error)
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' })
      res.end(JSON.stringify(errorBody('Something went wrong.')))
    })
  }),
)

await new Promise((resolve) => server.listen(port, hostname, resolve))
// Stop accepting connections on SIGTERM; Payload's handler (src/lifecycle/shutdown.ts) ends the
// streams, lets in-flight writes finish and exits.
process.once('SIGTERM', () => server.close())
// Boot Payload now (migrations included) rather than on the first visitor's request; requests
// that arrive meanwhile wait for the same start-up.
const local = `http://${hostname === '0.0.0.0' ? '127.0.0.1' : hostname}:${port}`
const warmUp = await fetch(`${local}/api/users/me`)
// Exit rather than throw: Next's uncaughtException handler would keep a failed server listening.
if (!warmUp.ok || !apiEntry()) {
  console.error(`Payload did not start (${warmUp.status}): see the log above.`)
  process.exit(1)
}
console.log(`Payload Chat ready on http://${hostname}:${port}`)
// Read after Payload's start, which has loaded .env into process.env by now.
if (!process.env.SERVER_URL) {
  console.warn(
    'WARNING: SERVER_URL is not set. The chat works from the address each request is sent to, but set ' +
      'SERVER_URL to the public URL (e.g. https://chat.example.com) for a public deployment: it is the ' +
      'origin always trusted with the session cookie (also behind a proxy that rewrites Host), the base of ' +
      "the admin panel's links, and with https:// it makes the cookie Secure. See README, Production.",
  )
}
