// Files dropped onto an element (the open conversation): `dropping` while files are dragged over
// it, for the outline that says "drop here". Text or links dragged in are left alone.
import { useState, type DragEvent } from 'react'

const hasFiles = (event: DragEvent) => [...event.dataTransfer.types].includes('Files')

export function useFileDrop(onFiles: (files: File[]) => void, enabled = true) {
  const [dropping, setDropping] = useState(false)
  if (!enabled) return { dropping: false, dropProps: {} }
  return {
    dropping,
    dropProps: {
      onDragOver: (event: DragEvent) => {
        if (!hasFiles(event)) return
        event.preventDefault()
        event.dataTransfer.dropEffect = 'copy'
        if (!dropping) setDropping(true)
      },
      onDragLeave: (event: DragEvent) => {
        // Leaving for a child is not leaving.
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDropping(false)
      },
      onDrop: (event: DragEvent) => {
        if (!hasFiles(event)) return
        event.preventDefault()
        setDropping(false)
        const files = [...event.dataTransfer.files]
        if (files.length) onFiles(files)
      },
    },
  }
}

// The files of a paste (a screenshot copied to the clipboard), or none for a paste of text.
export function pastedFiles(data: DataTransfer | null): File[] {
  if (!data) return []
  return [...data.items].flatMap((item) => {
    const file = item.kind === 'file' ? item.getAsFile() : null
    return file ? [file] : []
  })
}
