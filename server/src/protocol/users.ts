// The logged-in user, as `GET /api/users/me` and `POST /api/users/login` answer it (Payload's own
// auth routes): the user themself may read their email and role.
export interface SessionUser {
  id: number
  name: string
  email: string
  role?: 'admin' | 'member'
}

// `GET /api/users/me`: `user` is null when nobody is logged in.
export interface MeResponse {
  user: SessionUser | null
}

// `POST /api/users/login` (Payload also returns the token, which the browser client never reads:
// it uses the HttpOnly cookie).
export interface LoginResponse {
  user: SessionUser
}

// A password has at least this many characters (sign-up, the first user, a change, a reset).
export const MIN_PASSWORD_LENGTH = 8
