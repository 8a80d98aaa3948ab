// Who is logged in, whether the session ended, logging out: Payload's own auth routes. The
// session lives in the HttpOnly `payload-token` cookie. Shared by the app shell and the features
// (auth starts a session, chat notices when it ends), so no feature imports another.
import type { MeResponse, SessionUser } from '@payload-chat/server/protocol'

import { apiRequest } from '../lib/api-client'

export type { SessionUser }

export async function fetchMe(): Promise<SessionUser | null> {
  const body = await apiRequest<MeResponse | null>('/api/users/me')
  return body?.user ?? null
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
