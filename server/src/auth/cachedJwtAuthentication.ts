// Payload's own JWT strategy behind the auth cache. It runs before Payload's built-in copy of
// the same strategy, which then only sees requests this one could not authenticate.
import { JWTAuthentication, type AuthStrategy, type AuthStrategyResult } from 'payload'
import { parseCookies } from 'payload/shared'

import { env } from '../env'
import { AuthCache } from './auth-cache'
import { processGlobal } from '../process-global.mjs'

type AuthenticatedUser = NonNullable<AuthStrategyResult['user']>

// One per process, so that `next dev` module reloads share it with the hooks.
export const authCache = (): AuthCache<AuthenticatedUser> =>
  processGlobal('auth-cache', () => new AuthCache<AuthenticatedUser>(env.authCacheMs))

// Everything the JWT strategy reads from a request (see Payload's extractJWT): the same headers
// give the same answer, the CSRF check on cookies included.
function credentialsKey(headers: Headers): string | null {
  const authorization = headers.get('authorization')
  const cookie = headers.get('cookie')
  if (!authorization && !cookie) return null
  return [authorization, cookie, headers.get('origin'), headers.get('sec-fetch-site')].join('\n')
}

// The earliest `exp` of the tokens the request carries (already verified by the strategy when
// this is called): a remembered login must not outlive the token that made it.
function tokenExpiry(headers: Headers, cookieName: string): number {
  const authorization = headers.get('authorization')?.replace(/^(JWT|Bearer) /, '')
  const cookie = parseCookies(headers).get(cookieName)
  let earliest = Infinity
  for (const token of [authorization, cookie]) {
    try {
      const exp = JSON.parse(Buffer.from(token?.split('.')[1] ?? '', 'base64url').toString()).exp
      if (typeof exp === 'number') earliest = Math.min(earliest, exp * 1000)
    } catch {
      // not a JWT: not the token that was verified
    }
  }
  return earliest
}

export const cachedJwtAuthentication: AuthStrategy = {
  name: 'cached-jwt',
  authenticate: async (args) => {
    const cache = authCache()
    const key = cache.enabled ? credentialsKey(args.headers) : null
    if (!key) return { user: null }
    const known = cache.get(key)
    // A copy: Payload and our hooks may set fields on req.user.
    if (known) return { user: { ...known } }
    const lookedUpAt = cache.generation
    const result = await JWTAuthentication({ ...args, strategyName: 'local-jwt' })
    const cookieName = `${args.payload.config.cookiePrefix}-token`
    if (result.user) cache.set(key, { ...result.user }, lookedUpAt, tokenExpiry(args.headers, cookieName))
    return result
  },
}
