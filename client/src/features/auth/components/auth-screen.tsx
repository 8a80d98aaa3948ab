import { MIN_PASSWORD_LENGTH } from '@payload-chat/server/protocol'
import { useState, type FormEvent } from 'react'

import { ApiError } from '../../../lib/api-client'
import { suspension, type SessionUser } from '../../../session/session-api'
import { login, signUp } from '../api/auth-api'

type Mode = 'login' | 'signup'

// Turns the server's answers into sentences a person can act on.
export function authErrorMessage(error: unknown, mode: Mode): string {
  if (!(error instanceof ApiError)) return 'Something went wrong. Please try again.'
  const text = error.messages.join(' ')
  // The server limits failed logins per address and sign-ups per address (no account is locked).
  if (error.status === 429) return `Too many attempts from here. Try again ${waitText(error.retryAfterSeconds)}.`
  if (error.status === 0) return error.message
  const suspended = suspension(error)
  if (suspended) return suspendedText(suspended.until)
  if (mode === 'login' && error.status === 401) return 'Wrong email or password.'
  if (/already registered/i.test(text)) return 'An account with this email already exists. Log in instead.'
  // Some server builds drop the field detail and only say the email field is invalid.
  if (mode === 'signup' && /invalid: email/i.test(text)) {
    return 'This email cannot be used: it is probably already registered. Log in instead.'
  }
  return error.messages[0] ?? 'Something went wrong. Please try again.'
}

// The end of a suspension in the reader's own locale and time zone (the server sends an ISO date).
export function suspendedText(until: string | null, locale?: string, timeZone?: string): string {
  const date = until ? new Date(until) : null
  if (!date || Number.isNaN(date.getTime())) return 'This account is suspended until a moderator lifts it.'
  return `This account is suspended until ${date.toLocaleString(locale, { dateStyle: 'long', timeStyle: 'short', timeZone })}.`
}

function waitText(seconds: number | null): string {
  if (!seconds) return 'later'
  if (seconds < 90) return `in ${seconds} seconds`
  if (seconds < 90 * 60) return `in ${Math.round(seconds / 60)} minutes`
  return `in ${Math.round(seconds / 3600)} hours`
}

export function AuthScreen({ onAuthenticated }: { onAuthenticated: (user: SessionUser) => void }) {
  const [mode, setMode] = useState<Mode>('login')
  const [name, setName] = useState('')
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const user = mode === 'login' ? await login(email.trim(), password) : await signUp(name.trim(), email.trim(), password)
      onAuthenticated(user)
    } catch (err) {
      setError(authErrorMessage(err, mode))
      setBusy(false)
    }
  }

  const switchMode = (next: Mode) => {
    setMode(next)
    setError(null)
  }

  return (
    <main className="auth">
      <form className="auth-card" onSubmit={submit} aria-labelledby="auth-title">
        <h1 id="auth-title" className="brand">
          Payload Chat
        </h1>
        <p className="muted">{mode === 'login' ? 'Log in to your conversations.' : 'Create an account to start chatting.'}</p>
        {mode === 'signup' && (
          <label className="field">
            <span>Name</span>
            <input value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" required />
          </label>
        )}
        <label className="field">
          <span>Email</span>
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="email" required />
        </label>
        <label className="field">
          <span>Password</span>
          <input
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete={mode === 'login' ? 'current-password' : 'new-password'}
            minLength={mode === 'signup' ? MIN_PASSWORD_LENGTH : undefined}
            aria-describedby={mode === 'signup' ? 'password-hint' : undefined}
            required
          />
        </label>
        {mode === 'signup' && (
          <p id="password-hint" className="hint muted">
            At least {MIN_PASSWORD_LENGTH} characters.
          </p>
        )}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {mode === 'login' ? 'Log in' : 'Sign up'}
        </button>
        <p className="switch">
          {mode === 'login' ? 'New here?' : 'Already have an account?'}{' '}
          <button type="button" className="link" onClick={() => switchMode(mode === 'login' ? 'signup' : 'login')}>
            {mode === 'login' ? 'Create an account' : 'Log in instead'}
          </button>
        </p>
      </form>
    </main>
  )
}
