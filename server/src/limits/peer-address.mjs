// The TCP peer address of the request being handled: the one client address nobody can forge.
// Payload's handlers get a web Request, never the socket, so each server runs its request
// listener inside `peerAwareListener` (server.mjs in production, the tests' HTTP server, and
// `next dev` through dev-peer-address.mjs) and the limits read the address from here.
// Plain JavaScript so server.mjs and the dev preload can load it without a build; one store per
// process (src/process-global.mjs), shared by those and by the app's bundled copy of this module.
import { AsyncLocalStorage } from 'node:async_hooks'

import { processGlobal } from '../process-global.mjs'

/** @type {AsyncLocalStorage<string>} */
const storage = processGlobal('peer-address', () => new AsyncLocalStorage())

/** IPv4 clients of a dual-stack socket show as `::ffff:1.2.3.4`: one client, one spelling. */
export function normalizeAddress(/** @type {string} */ address) {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  return (mapped ? mapped[1] : address).toLowerCase()
}

/**
 * @template {import('node:http').IncomingMessage} Req
 * @template Res
 * @param {(req: Req, res: Res) => unknown} listener
 * @returns {(req: Req, res: Res) => unknown}
 */
export function peerAwareListener(listener) {
  return (req, res) => storage.run(normalizeAddress(req.socket.remoteAddress ?? ''), () => listener(req, res))
}

/** @returns {string | undefined} the peer of the request in progress, if a server set it */
export function peerAddress() {
  return storage.getStore() || undefined
}
