import { useRef } from 'react'

export interface AttachButtonProps {
  onFiles: (files: File[]) => void
  disabled?: boolean
}

// The paperclip: a button that opens the file picker (several files at once). The input itself is
// hidden but labelled, so tests and assistive tools can still reach it.
export function AttachButton({ onFiles, disabled = false }: AttachButtonProps) {
  const inputRef = useRef<HTMLInputElement>(null)
  return (
    <>
      <button type="button" className="attach" aria-label="Attach files" title="Attach files" disabled={disabled} onClick={() => inputRef.current?.click()}>
        <span aria-hidden="true">📎</span>
      </button>
      <input
        ref={inputRef}
        type="file"
        multiple
        hidden
        aria-label="Files to attach"
        onChange={(event) => {
          const files = [...(event.target.files ?? [])]
          // Cleared, so choosing the same file again is a change too.
          event.target.value = ''
          if (files.length) onFiles(files)
        }}
      />
    </>
  )
}
