import { MIN_PASSWORD_LENGTH, type SessionUser } from '@payload-chat/server/protocol'
import { useId, useRef, useState, type FormEvent } from 'react'
import { createPortal } from 'react-dom'

import { Avatar, avatarChanged } from '../../../avatars'
import { useModalDialog } from '../../../hooks/use-modal-dialog'
import { errorMessage } from '../../../lib/api-client'
import { changeAvatar, updateProfile } from '../api/profile-api'

import './profile.css'

export interface ProfileDialogProps {
  user: SessionUser
  onSaved: (user: SessionUser) => void // the session's user as the server now has it
  onClose: () => void
}

type Part = 'name' | 'password' | 'avatar'
type Outcome = { part: Part; ok: boolean; text: string } | null

// Your profile: display name, password (the server wants the current one too) and picture. Each
// part saves on its own and says how it went beside it; the rest of the app shows a change at once.
// A modal dialog (useModalDialog): Escape or Close ends it, the focus returns to the menu button.
export function ProfileDialog({ user, onSaved, onClose }: ProfileDialogProps) {
  const titleId = useId()
  const nameRef = useRef<HTMLInputElement>(null)
  const modal = useModalDialog(nameRef, onClose)
  const [name, setName] = useState(user.name)
  const [current, setCurrent] = useState('')
  const [password, setPassword] = useState('')
  const [busy, setBusy] = useState<Part | null>(null)
  const [outcome, setOutcome] = useState<Outcome>(null)

  const attempt = async (part: Part, action: () => Promise<SessionUser>, done: string) => {
    setBusy(part)
    setOutcome(null)
    try {
      const saved = await action()
      onSaved(saved)
      setOutcome({ part, ok: true, text: done })
      return true
    } catch (error) {
      setOutcome({ part, ok: false, text: errorMessage(error) })
      return false
    } finally {
      setBusy(null)
    }
  }

  const trimmedName = name.trim()
  const saveName = (event: FormEvent) => {
    event.preventDefault()
    if (!trimmedName || trimmedName === user.name) return
    void attempt('name', () => updateProfile(user.id, { name: trimmedName }), 'Your name is saved.')
  }

  const passwordTooShort = password.length > 0 && password.length < MIN_PASSWORD_LENGTH
  const savePassword = async (event: FormEvent) => {
    event.preventDefault()
    if (!current || password.length < MIN_PASSWORD_LENGTH) return
    if (await attempt('password', () => updateProfile(user.id, { password, currentPassword: current }), 'Your password is changed.')) {
      setCurrent('')
      setPassword('')
    }
  }

  const choosePicture = (file: File | undefined) => {
    if (!file) return
    void attempt(
      'avatar',
      async () => {
        const saved = await changeAvatar(user.id, file)
        avatarChanged(user.id)
        return saved
      },
      'Your picture is saved.',
    )
  }

  const said = (part: Part) =>
    outcome?.part === part && (
      <p className={outcome.ok ? 'profile-ok' : 'form-error'} role={outcome.ok ? 'status' : 'alert'}>
        {outcome.text}
      </p>
    )

  return createPortal(
    <dialog {...modal} className="confirm profile" aria-labelledby={titleId}>
      <header className="profile-header">
        <h2 id={titleId}>Your profile</h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </header>

      <section aria-label="Your picture" className="profile-picture">
        <Avatar user={user} className="large" />
        <label className="button">
          {busy === 'avatar' ? 'Uploading…' : 'Choose a picture'}
          <input
            type="file"
            accept="image/png,image/jpeg,image/gif,image/webp"
            className="visually-hidden"
            disabled={busy === 'avatar'}
            onChange={(event) => {
              const file = event.target.files?.[0]
              event.target.value = ''
              choosePicture(file)
            }}
          />
        </label>
        {said('avatar')}
      </section>

      <form onSubmit={saveName} aria-label="Change your name">
        <label className="field">
          Display name
          <input ref={nameRef} value={name} maxLength={50} onChange={(e) => setName(e.target.value)} autoComplete="nickname" required />
        </label>
        <button type="submit" className="primary" disabled={busy !== null || !trimmedName || trimmedName === user.name}>
          Save name
        </button>
        {said('name')}
      </form>

      <form onSubmit={(event) => void savePassword(event)} aria-label="Change your password">
        <label className="field">
          Current password
          <input type="password" value={current} onChange={(e) => setCurrent(e.target.value)} autoComplete="current-password" />
        </label>
        <label className="field">
          New password
          <input
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="new-password"
            aria-invalid={passwordTooShort || undefined}
            aria-describedby="new-password-hint"
          />
        </label>
        <p id="new-password-hint" className={passwordTooShort ? 'form-error' : 'muted'}>
          At least {MIN_PASSWORD_LENGTH} characters.
        </p>
        <button type="submit" className="primary" disabled={busy !== null || !current || password.length < MIN_PASSWORD_LENGTH}>
          Change password
        </button>
        {said('password')}
      </form>
    </dialog>,
    document.body,
  )
}
