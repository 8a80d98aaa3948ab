import { useEffect, useId, useRef, type ReactNode } from 'react'

export interface ConfirmDialogProps {
  title: string
  children: ReactNode // what confirming does, and what cannot be undone
  confirmLabel: string
  onConfirm: () => void
  onCancel: () => void
}

// A modal question before something hard to undo. The browser's modal <dialog> keeps the rest of
// the page out of reach (focus and screen readers alike); the focus starts on Cancel, the safe
// answer, Escape cancels (handled here too, since not every DOM gives <dialog> its keys), and the
// focus goes back where it was.
export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onCancel }: ConfirmDialogProps) {
  const titleId = useId()
  const bodyId = useId()
  const dialogRef = useRef<HTMLDialogElement>(null)
  const cancelRef = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    const dialog = dialogRef.current
    // What had the focus (the button that asked): it gets it back once the dialog is gone, when
    // the page behind is no longer inert.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
    if (dialog && !dialog.open) dialog.showModal()
    cancelRef.current?.focus()
    return () => {
      dialog?.close()
      if (opener?.isConnected) opener.focus()
    }
  }, [])
  return (
    <dialog
      ref={dialogRef}
      className="confirm"
      role="alertdialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(event) => {
        event.preventDefault()
        onCancel()
      }}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return
        event.preventDefault()
        event.stopPropagation()
        onCancel()
      }}
    >
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
