// Payload's own auth endpoints. The session lives in the HttpOnly `payload-token` cookie.
import { apiRequest } from '../../../lib/api-client'

export interface SessionUser {
  id: number
  name: string
  email: string
  role?: string
}

export async function fetchMe(): Promise<SessionUser | null> {
  const body = await apiRequest<{ user: SessionUser | null }>('/api/users/me')
  return body?.user ?? null
}

// A 401 alone does not mean the session ended (the server may have refused this one request,
// e.g. a cookie from an origin it does not accept): only `/api/users/me` answering nobody does.
export async function sessionEnded(): Promise<boolean> {
  return (await fetchMe()) === null
}

export async function login(email: string, password: string): Promise<SessionUser> {
  const body = await apiRequest<{ user: SessionUser }>('/api/users/login', {
    method: 'POST',
    body: { email, password },
  })
  return body.user
}

export async function signUp(name: string, email: string, password: string): Promise<SessionUser> {
  await apiRequest('/api/users', { method: 'POST', body: { name, email, password } })
  return login(email, password)
}

export async function logout(): Promise<void> {
  await apiRequest('/api/users/logout', { method: 'POST' })
}
