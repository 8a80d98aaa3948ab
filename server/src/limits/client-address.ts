// Which client a request comes from, for per-address limits. Payload endpoints never see the
// socket, so the address can only come from headers, and headers are only trustworthy when our
// own proxy wrote them (TRUST_PROXY=true). Otherwise every anonymous client shares one key: the
// limits then cap the whole server, which is safe but coarse (see SECURITY.md).
import { env } from '../env'

export const UNKNOWN_CLIENT = 'unknown-client'

export function clientAddress(headers: Headers, trustProxy = env.limits.trustProxy): string {
  if (!trustProxy) return UNKNOWN_CLIENT
  // Proxies append the address they saw: the last entry is the one our proxy wrote, earlier
  // entries are whatever the client claimed.
  const forwarded = headers.get('x-forwarded-for')
  const last = forwarded?.split(',').map((part) => part.trim()).filter(Boolean).pop()
  const address = last || headers.get('x-real-ip')?.trim()
  // Bounded so a hostile header cannot grow the limiter's key space with huge keys.
  return address ? address.slice(0, 64) : UNKNOWN_CLIENT
}
