import { useState, type FormEvent } from 'react'

import { Avatar } from '../../../avatars'
import { useActionError } from '../hooks/use-action-error'
import type { PresenceEntry } from '../model/presence-reducer'
import type { RoomMember, UserRef } from '../model/types'
import { FormError } from './form-error'
import { PresenceDot } from './presence-dot'

export interface MembersPanelProps {
  members: RoomMember[] | null // null: loading
  me: number
  isOwner: boolean
  everyone: UserRef[] // whom an owner may add (those not in yet are offered)
  onAdd: (user: number) => Promise<void>
  onRemove: (user: number) => Promise<void>
  presenceOf?: (user: number) => PresenceEntry | undefined
}

// A room's members with their role; owners add and remove people here.
export function MembersPanel({ members, me, isOwner, everyone, onAdd, onRemove, presenceOf }: MembersPanelProps) {
  const { error, attempt } = useActionError()
  const [chosen, setChosen] = useState('')
  const inRoom = new Set((members ?? []).map((m) => m.id))
  const addable = everyone.filter((user) => !inRoom.has(user.id))

  const add = (event: FormEvent) => {
    event.preventDefault()
    if (!chosen) return
    void attempt(async () => {
      await onAdd(Number(chosen))
      setChosen('')
    })
  }

  return (
    <>
      <FormError message={error} />
      {isOwner && (
        <form className="add-member" onSubmit={add}>
          <label className="field">
            Add someone
            <select value={chosen} onChange={(e) => setChosen(e.target.value)}>
              <option value="">Choose a person…</option>
              {addable.map((user) => (
                <option key={user.id} value={user.id}>
                  {user.name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="primary" disabled={!chosen}>
            Add
          </button>
        </form>
      )}
      {members === null ? (
        <p className="muted">Loading members…</p>
      ) : (
        <ul className="member-list" aria-label="Members">
          {members.map((member) => (
            <li key={member.id}>
              <span>
                <Avatar user={member} className="small" />
                {member.id !== me && <PresenceDot entry={presenceOf?.(member.id)} />}
                {member.id === me ? `${member.name} (you)` : member.name}
                {member.role === 'owner' && <span className="muted"> · owner</span>}
              </span>
              {isOwner && member.id !== me && (
                <button type="button" className="link danger" aria-label={`Remove ${member.name}`} onClick={() => void attempt(() => onRemove(member.id))}>
                  Remove
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  )
}
