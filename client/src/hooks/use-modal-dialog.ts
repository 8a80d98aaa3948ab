// A native modal <dialog> for as long as the component showing it is mounted: the browser keeps
// the rest of the page out of reach (focus and screen readers alike), `initialFocus` gets the
// focus when it opens, and the focus goes back to what had it (the button that asked) once the
// dialog is gone, when the page behind is no longer inert. Escape calls `onCancel` (handled on
// keydown too, since not every DOM gives <dialog> its keys).
import { useEffect, useRef, type KeyboardEvent, type RefObject, type SyntheticEvent } from 'react'

export function useModalDialog(initialFocus: RefObject<HTMLElement | null>, onCancel: () => void) {
  const dialogRef = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const dialog = dialogRef.current
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
    if (dialog && !dialog.open) dialog.showModal()
    initialFocus.current?.focus()
    return () => {
      dialog?.close()
      if (opener?.isConnected) opener.focus()
    }
  }, [initialFocus])
  return {
    ref: dialogRef,
    onCancel: (event: SyntheticEvent) => {
      event.preventDefault()
      onCancel()
    },
    onKeyDown: (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return
      event.preventDefault()
      event.stopPropagation()
      onCancel()
    },
  }
}
