// Which client a request comes from, for per-address limits: the TCP peer (peer-address.mjs),
// or, when that peer is a proxy TRUST_PROXY names, the X-Forwarded-For entry it appended, and so
// on while the hops are trusted. What a client writes in X-Forwarded-For itself is never read
// unless every hop to its right is a trusted proxy. See SECURITY.md, "Client addresses".
import { isIP } from 'node:net'

import { env } from '../env'
import { normalizeAddress, peerAddress } from './peer-address.mjs'
import { type IsTrustedProxy, parseTrustProxy } from './trust-proxy'

// Parsed once at start, so a bad TRUST_PROXY stops the boot with its message.
const trustedProxy = parseTrustProxy(env.limits.trustProxy)

// A request served by no peer-aware server (a custom one): one key, and a warning, rather than
// an error on every login.
export const UNKNOWN_CLIENT = 'unknown-client'
let warned = false

export function clientAddress(
  headers: Headers,
  peer: string | undefined = peerAddress(),
  isTrusted: IsTrustedProxy = trustedProxy,
): string {
  if (!peer) {
    if (!warned) console.warn('payload-chat: no client address for a request: per-address limits are shared (serve through server.mjs or `pnpm dev`)')
    warned = true
    return UNKNOWN_CLIENT
  }
  // Proxies append the address they saw: walk from the right while the hop is ours.
  const forwarded = (headers.get('x-forwarded-for') ?? '').split(',').map((part) => part.trim()).filter(Boolean).reverse()
  let address = normalizeAddress(peer)
  for (let hop = 0; hop < forwarded.length && isTrusted(address, hop); hop++) {
    const next = normalizeAddress(forwarded[hop])
    // A hop we trust wrote something that is no address: the client is that hop, as far as we know.
    if (!isIP(next)) break
    address = next
  }
  return address
}
