// Production entry point (`pnpm start`): Next serves the admin panel and the client; /api is
// answered on Node's own request and response by the one /api entry the Next route also uses
// (src/http/api-entry.ts), so an open stream costs a socket and a few objects rather than a
// pending Next request, and a REST call skips Next's route layers (see docs/performance.md).
//
// WEB_CONCURRENCY=N (N > 1, or `auto`) runs N such workers on one port with node:cluster, under a
// primary that only supervises them (src/cluster/primary.mjs, docs/scaling.md). N = 1 (the
// default) is this one process, no primary.
import cluster from 'node:cluster'
import { createServer } from 'node:http'
import path from 'node:path'
import next from 'next'

import { webConcurrency } from './src/cluster/concurrency.mjs'
import { superviseWorkers, WORKER_READY } from './src/cluster/primary.mjs'
import { peerAwareListener } from './src/limits/peer-address.mjs'
import { errorBody } from './src/http/error-body.mjs'
import { API_ENTRY, existingProcessGlobal } from './src/process-global.mjs'

const port = Number(process.env.PORT || 3000)
const hostname = process.env.HOSTNAME || '0.0.0.0'
const readyLine = `Payload Chat ready on http://${hostname}:${port}`

// WEB_CONCURRENCY may come from the root .env, which src/env.ts loads later for the rest (the same
// file and rule: the environment wins, ENV_FILE names another file).
try {
  process.loadEnvFile(process.env.ENV_FILE || path.resolve(import.meta.dirname, '..', '.env'))
} catch (error) {
  if (error.code !== 'ENOENT') throw error
}
let workers
try {
  workers = webConcurrency(process.env.WEB_CONCURRENCY)
} catch (error) {
  console.error(error.message)
  process.exit(1)
}
if (workers > 1 && cluster.isPrimary) await superviseWorkers({ count: workers, readyLine })
else await serve()

async function serve() {
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
  const listener = peerAwareListener((req, res) => {
    const handled = handlerFor(req)(req, res)
    Promise.resolve(handled).catch((error) => {
      console.error(error)
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' })
      res.end(JSON.stringify(errorBody('Something went wrong.')))
    })
  })
  const server = createServer(listener)

  // Boot Payload (migrations included) before listening on the port, through a private loopback
  // listener of this process alone (`exclusive`: a cluster worker's port-0 listener would otherwise
  // be shared through the primary, and another worker could answer the warm-up). So no connection is
  // accepted before the schema is complete.
  const warmUp = await new Promise((resolve, reject) => {
    const boot = createServer(listener)
    boot.listen({ port: 0, host: '127.0.0.1', exclusive: true }, () => {
      fetch(`http://127.0.0.1:${boot.address().port}/api/users/me`)
        .then(resolve, reject)
        .finally(() => boot.close())
    })
  })
  // Exit rather than throw: Next's uncaughtException handler would keep a failed server running.
  if (!warmUp.ok || !apiEntry()) {
    console.error(`Payload did not start (${warmUp.status}): see the log above.`)
    process.exit(1)
  }
  await new Promise((resolve) => server.listen(port, hostname, resolve))
  // Stop accepting connections on SIGTERM; Payload's handler (src/lifecycle/shutdown.ts) ends the
  // streams, lets in-flight writes finish and exits. A worker keeps this listener: a second SIGTERM
  // (the primary's and the process group's) must not kill it mid-drain.
  if (cluster.isWorker) process.on('SIGTERM', () => server.close())
  else process.once('SIGTERM', () => server.close())
  if (cluster.isWorker) {
    console.log(`worker ${process.pid} ready`)
    process.send(WORKER_READY)
  } else console.log(readyLine)
  // Read after Payload's start, which has loaded .env into process.env by now. Said once.
  if (!process.env.SERVER_URL && (!cluster.isWorker || cluster.worker.id === 1)) {
    console.warn(
      'WARNING: SERVER_URL is not set. The chat works from the address each request is sent to, but set ' +
        'SERVER_URL to the public URL (e.g. https://chat.example.com) for a public deployment: it is the ' +
        'origin always trusted with the session cookie (also behind a proxy that rewrites Host), the base of ' +
        "the admin panel's links, and with https:// it makes the cookie Secure. See README, Production.",
    )
  }
}
