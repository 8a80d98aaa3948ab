// Payload's own JWT strategy behind the auth cache. It runs before Payload's built-in copy of
// the same strategy, which then only sees requests this one could not authenticate.
import { JWTAuthentication, type AuthStrategy, type AuthStrategyResult } from 'payload'

import { env } from '../env'
import { AuthCache } from './auth-cache'

const KEY = Symbol.for('payload-chat.auth-cache')
type AuthenticatedUser = NonNullable<AuthStrategyResult['user']>
type Holder = typeof globalThis & { [KEY]?: AuthCache<AuthenticatedUser> }

// One per process, on globalThis so that `next dev` module reloads share it with the hooks.
export function authCache(): AuthCache<AuthenticatedUser> {
  const holder = globalThis as Holder
  return (holder[KEY] ??= new AuthCache<AuthenticatedUser>(env.authCacheMs))
}

// Everything the JWT strategy reads from a request (see Payload's extractJWT): the same headers
// give the same answer, the CSRF check on cookies included.
function credentialsKey(headers: Headers): string | null {
  const authorization = headers.get('authorization')
  const cookie = headers.get('cookie')
  if (!authorization && !cookie) return null
  return [authorization, cookie, headers.get('origin'), headers.get('sec-fetch-site')].join('\n')
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
    if (result.user) cache.set(key, { ...result.user }, lookedUpAt)
    return result
  },
}
