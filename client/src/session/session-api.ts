// Who is logged in, whether the session ended, logging out: Payload's own auth routes. The
// session lives in the HttpOnly `payload-token` cookie. Shared by the app shell and the features
// (auth starts a session, chat notices when it ends), so no feature imports another.
import { SUSPENDED_MESSAGE, type MeResponse, type SessionUser, type SuspendedErrorData } from '@payload-chat/server/protocol'

import { ApiError, apiRequest } from '../lib/api-client'

export type { SessionUser }

// The server refused the account as suspended (a log-in, or any request with a token of a user
// suspended since): until when, null when until an admin lifts it. Null for any other error.
export function suspension(error: unknown): { until: string | null } | null {
  if (!(error instanceof ApiError) || error.status !== 403 || !error.message.startsWith(SUSPENDED_MESSAGE)) return null
  const until = (error.data as Partial<SuspendedErrorData> | undefined)?.suspendedUntil
  return { until: typeof until === 'string' ? until : null }
}

// A suspended account's session is over, as if nobody were logged in.
export async function fetchMe(): Promise<SessionUser | null> {
  try {
    const body = await apiRequest<MeResponse | null>('/api/users/me')
    return body?.user ?? null
  } catch (error) {
    if (suspension(error)) return null
    throw error
  }
}

// A 401 alone does not mean the session ended (the server may have refused this one request,
// e.g. a cookie from an origin it does not accept): only `/api/users/me` answering nobody does.
export async function sessionEnded(): Promise<boolean> {
  return (await fetchMe()) === null
}

// Whether this tab's user is no longer the session's: nobody is logged in, or someone else logged in
// in another tab (the cookie is shared). Either way nothing more may be fetched on `me`'s behalf.
export async function sessionIsNot(me: number): Promise<boolean> {
  const user = await fetchMe()
  return user === null || user.id !== me
}

export async function logout(): Promise<void> {
  await apiRequest('/api/users/logout', { method: 'POST' })
}
