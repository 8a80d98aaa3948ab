import { useActionError } from '../hooks/use-action-error'
import type { UserRef } from '../model/types'
import { FormError } from './form-error'

export interface BlockedPeopleProps {
  people: UserRef[] | null // null: loading
  onUnblock: (user: number) => Promise<void>
}

// Whom you blocked, each with Unblock. Private: nobody else sees this list, the people in it
// are not told.
export function BlockedPeople({ people, onUnblock }: BlockedPeopleProps) {
  const { error, attempt } = useActionError()
  if (people === null) return <p className="muted">Loading…</p>
  return (
    <>
      <p className="muted">
        People you block cannot send you direct messages, nor you them, and their messages in rooms are folded away for you. They
        are not told.
      </p>
      <FormError message={error} />
      <ul className="member-list" aria-label="Blocked people">
        {people.map((user) => (
          <li key={user.id}>
            <span>{user.name}</span>
            <button type="button" className="link" aria-label={`Unblock ${user.name}`} onClick={() => void attempt(() => onUnblock(user.id))}>
              Unblock
            </button>
          </li>
        ))}
        {people.length === 0 && <li className="muted empty">You have not blocked anyone.</li>}
      </ul>
    </>
  )
}
