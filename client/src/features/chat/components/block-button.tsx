import { useState } from 'react'

import { useActionError } from '../hooks/use-action-error'
import type { UserRef } from '../model/types'
import { ConfirmDialog } from './confirm-dialog'
import { FormError } from './form-error'

export interface BlockButtonProps {
  person: UserRef
  blocked: boolean
  onBlock: (user: number) => Promise<void>
  onUnblock: (user: number) => Promise<void>
}

// Block (asked first) or Unblock a person, e.g. from the header of your conversation with them.
export function BlockButton({ person, blocked, onBlock, onUnblock }: BlockButtonProps) {
  const [confirming, setConfirming] = useState(false)
  const { error, attempt } = useActionError()
  return (
    <>
      {blocked ? (
        <button type="button" className="link" onClick={() => void attempt(() => onUnblock(person.id))}>
          Unblock
        </button>
      ) : (
        <button type="button" className="link danger" onClick={() => setConfirming(true)}>
          Block
        </button>
      )}
      <FormError message={error} />
      {confirming && (
        <ConfirmDialog
          title={`Block ${person.name}?`}
          confirmLabel="Block"
          onConfirm={() => {
            setConfirming(false)
            void attempt(() => onBlock(person.id))
          }}
          onCancel={() => setConfirming(false)}
        >
          <p>
            {person.name} will not be able to send you direct messages, nor you them, and their messages in rooms will be folded away
            for you. {person.name} is not told. You can unblock them at any time.
          </p>
        </ConfirmDialog>
      )}
    </>
  )
}
