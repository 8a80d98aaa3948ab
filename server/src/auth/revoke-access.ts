// Taking a user's access away: the remembered logins (./auth-cache) and the open streams
// (src/realtime) of all their sessions, or of the ones named. At once in this process, and in
// every other process on the database through a row they follow (./revocation-follower.ts,
// docs/scaling.md).
import type { AccessChange } from '../db/cross-process'
import { existingProcessGlobal } from '../process-global.mjs'
import { endUserStreams } from '../realtime/runtime'
import { authCache } from './cachedJwtAuthentication'

// Where a change is written for the other processes: set by Payload's onInit (src/cluster/start.ts).
// It never throws: a failed write is logged, and the others apply the change at their session check.
export const CROSS_PROCESS = 'cross-process'
export interface RevocationWriter {
  revoke(change: AccessChange): Promise<void>
}

// This process only: what a change from any process does here.
export function applyHere(change: AccessChange): void {
  if (change.kind === 'changed') return authCache().forgetUser(change.userId)
  const sessionIds = change.kind === 'sessions' ? change.sessionIds : undefined
  if (sessionIds) authCache().revokeSessions(change.userId, sessionIds)
  else authCache().revokeAllSessions(change.userId)
  endUserStreams(Number(change.userId), sessionIds)
}

const toOthers = async (change: AccessChange): Promise<void> => existingProcessGlobal<RevocationWriter>(CROSS_PROCESS)?.revoke(change)

async function everywhere(change: AccessChange): Promise<void> {
  applyHere(change)
  await toOthers(change)
}

export async function revokeAccess(userId: number | string, sessionIds?: ReadonlyArray<string | undefined>): Promise<void> {
  if (!sessionIds) return everywhere({ kind: 'user', userId: String(userId) })
  const named = sessionIds.filter((sid): sid is string => Boolean(sid))
  if (named.length) return everywhere({ kind: 'sessions', userId: String(userId), sessionIds: named })
  // A login without a session id: here its session-less streams end; elsewhere, with nothing
  // to name, the user is looked up afresh.
  authCache().revokeSessions(userId, sessionIds)
  endUserStreams(Number(userId), sessionIds)
  await toOthers({ kind: 'changed', userId: String(userId) })
}

// The user's role, name or password changed: every process looks them up afresh.
export const forgetLoginEverywhere = (userId: number | string): Promise<void> => everywhere({ kind: 'changed', userId: String(userId) })
