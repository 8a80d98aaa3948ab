import { useId, useRef, type ReactNode } from 'react'

import { useModalDialog } from '../hooks/use-modal-dialog'

export interface ConfirmDialogProps {
  title: string
  children: ReactNode // what confirming does, and what cannot be undone
  confirmLabel: string
  onConfirm: () => void
  onCancel: () => void
}

// A modal question before something hard to undo (see useModalDialog): the focus starts on
// Cancel, the safe answer.
export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onCancel }: ConfirmDialogProps) {
  const titleId = useId()
  const bodyId = useId()
  const cancelRef = useRef<HTMLButtonElement>(null)
  const modal = useModalDialog(cancelRef, onCancel)
  return (
    <dialog {...modal} className="confirm" role="alertdialog" aria-labelledby={titleId} aria-describedby={bodyId}>
      <h2 id={titleId}>{title}</h2>
      <div id={bodyId}>{children}</div>
      <div className="actions">
        <button type="button" ref={cancelRef} onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="primary danger" onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  )
}
