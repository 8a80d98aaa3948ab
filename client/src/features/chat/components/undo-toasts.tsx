import { useEffect, useRef } from 'react'

export interface UndoToast {
  id: number
  text: string // the start of the message, to tell several apart
}

export interface UndoToastsProps {
  toasts: UndoToast[]
  onUndo: (id: number) => void
}

// "Message deleted · Undo" for each deletion still waiting out its few seconds. The newest one's
// Undo gets the focus (the menu that deleted is gone): one key takes a slip back.
export function UndoToasts({ toasts, onUndo }: UndoToastsProps) {
  const newest = toasts.length ? toasts[toasts.length - 1].id : null
  const newestRef = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    if (newest !== null) newestRef.current?.focus()
  }, [newest])
  return (
    <div className="toasts" role="status">
      {toasts.map((toast) => (
        <p key={toast.id} className="toast">
          <span className="toast-text">
            Message deleted<span className="visually-hidden">: {toast.text}</span>
          </span>
          <button type="button" className="link" ref={toast.id === newest ? newestRef : undefined} aria-label={`Undo deleting “${toast.text}”`} onClick={() => onUndo(toast.id)}>
            Undo
          </button>
        </p>
      ))}
    </div>
  )
}
