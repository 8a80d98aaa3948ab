// Taking a user's access away at once in this process: the remembered logins (./auth-cache) and
// the open streams (src/realtime) of all their sessions, or of the ones named.
import { endUserStreams } from '../realtime/runtime'
import { authCache } from './cachedJwtAuthentication'

export function revokeAccess(userId: number | string, sessionIds?: ReadonlyArray<string | undefined>): void {
  if (sessionIds) authCache().revokeSessions(userId, sessionIds)
  else authCache().revokeAllSessions(userId)
  // Payload types ids as number | string; a user's is a number (SQLite integer key).
  endUserStreams(Number(userId), sessionIds)
}
