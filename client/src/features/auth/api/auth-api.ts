// Starting a session: Payload's log-in and sign-up routes. The session itself (who is logged in,
// logging out) is the shared session module's.
import type { LoginResponse } from '@payload-chat/server/protocol'

import { apiRequest } from '../../../lib/api-client'
import type { SessionUser } from '../../../session/session-api'

export async function login(email: string, password: string): Promise<SessionUser> {
  const body = await apiRequest<LoginResponse>('/api/users/login', {
    method: 'POST',
    body: { email, password },
  })
  return body.user
}

export async function signUp(name: string, email: string, password: string): Promise<SessionUser> {
  await apiRequest('/api/users', { method: 'POST', body: { name, email, password } })
  return login(email, password)
}
