// Preloaded by `pnpm dev` (NODE_OPTIONS=--import): `next dev` creates its own HTTP server, so
// this wraps the listener of every server it creates in peerAwareListener, as server.mjs does in
// production. Without it the dev server would know no client address (see peer-address.mjs).
import http from 'node:http'

import { peerAwareListener } from './peer-address.mjs'

const createServer = http.createServer
http.createServer = function createPeerAwareServer(...args) {
  const at = args.findIndex((arg) => typeof arg === 'function')
  if (at >= 0) args[at] = peerAwareListener(args[at])
  return createServer.apply(this, args)
}
