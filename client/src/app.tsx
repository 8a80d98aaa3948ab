import { useCallback, useEffect, useState } from 'react'

import { fetchMe, logout, type SessionUser } from './features/auth/api/auth-api'
import { AuthScreen } from './features/auth/components/auth-screen'
import { ChatScreen } from './features/chat/components/chat-screen'

type Session = { state: 'checking' } | { state: 'anonymous' } | { state: 'signed-in'; user: SessionUser } | { state: 'unreachable' }

export function App() {
  const [session, setSession] = useState<Session>({ state: 'checking' })

  const check = useCallback(() => {
    setSession({ state: 'checking' })
    fetchMe()
      .then((user) => setSession(user ? { state: 'signed-in', user } : { state: 'anonymous' }))
      .catch(() => setSession({ state: 'unreachable' }))
  }, [])
  useEffect(check, [check])

  const onLoggedOut = useCallback(() => {
    document.title = 'Payload Chat'
    setSession({ state: 'anonymous' })
  }, [])
  const onLogout = useCallback(() => {
    logout()
      .catch(() => undefined)
      .finally(onLoggedOut)
  }, [onLoggedOut])

  switch (session.state) {
    case 'checking':
      return <p className="splash muted">Loading…</p>
    case 'unreachable':
      return (
        <div className="splash" role="alert">
          <p>Cannot reach the server.</p>
          <button type="button" onClick={check}>
            Try again
          </button>
        </div>
      )
    case 'anonymous':
      return <AuthScreen onAuthenticated={(user) => setSession({ state: 'signed-in', user })} />
    case 'signed-in':
      return <ChatScreen key={session.user.id} user={session.user} onLogout={onLogout} onLoggedOut={onLoggedOut} />
  }
}
