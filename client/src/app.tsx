import { AuthScreen } from './features/auth/components/auth-screen'
import { ChatScreen } from './features/chat/components/chat-screen'
import { SearchBox } from './features/search/components/search-box'
import { ProfileDialog } from './features/profile/components/profile-dialog'
import { useSession } from './session/use-session'

export function App() {
  const { session, check, signedIn, updated, ended, logOut } = useSession()

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
      return <AuthScreen onAuthenticated={signedIn} />
    case 'signed-in':
      return (
        <ChatScreen
          key={session.user.id}
          user={session.user}
          onLogout={logOut}
          onLoggedOut={ended}
          search={<SearchBox me={session.user.id} />}
          renderProfile={(close) => <ProfileDialog user={session.user} onSaved={updated} onClose={close} />}
        />
      )
  }
}
