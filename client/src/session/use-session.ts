// The app's session state: checked once on start (and again on "Try again"), set by a log-in,
// ended by a log-out or when the server says nobody is logged in any more.
import { useCallback, useEffect, useState } from 'react'

import { fetchMe, logout, type SessionUser } from './session-api'

export type Session =
  | { state: 'checking' }
  | { state: 'anonymous' }
  | { state: 'signed-in'; user: SessionUser }
  | { state: 'unreachable' }

export function useSession() {
  const [session, setSession] = useState<Session>({ state: 'checking' })

  const load = useCallback(
    () =>
      fetchMe()
        .then((user) => setSession(user ? { state: 'signed-in', user } : { state: 'anonymous' }))
        .catch(() => setSession({ state: 'unreachable' })),
    [],
  )
  useEffect(() => {
    void load()
  }, [load])
  const check = useCallback(() => {
    setSession({ state: 'checking' })
    void load()
  }, [load])

  const signedIn = useCallback((user: SessionUser) => setSession({ state: 'signed-in', user }), [])
  // The user changed their own profile (name): the same session, the new facts.
  const updated = signedIn
  // The server ended the session (or the log-out below went through): back to the log-in form.
  const ended = useCallback(() => setSession({ state: 'anonymous' }), [])
  // Logged out here even when the request fails: the person asked to leave.
  const logOut = useCallback(() => {
    logout()
      .catch(() => undefined)
      .finally(ended)
  }, [ended])

  return { session, check, signedIn, updated, ended, logOut }
}
