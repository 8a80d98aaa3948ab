import { useEffect, useId, useRef, type ReactNode } from 'react'

export interface PanelProps {
  title: string
  onClose: () => void
  children: ReactNode
}

// A pane in place of the conversation (create a room, browse rooms, members, room settings): its
// heading takes the focus when it opens, Escape or Close leaves it.
export function Panel({ title, onClose, children }: PanelProps) {
  const headingId = useId()
  const headingRef = useRef<HTMLHeadingElement>(null)
  useEffect(() => headingRef.current?.focus(), [])
  return (
    <section
      className="conversation panel"
      aria-labelledby={headingId}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose()
      }}
    >
      <header className="conversation-header">
        <h2 id={headingId} ref={headingRef} tabIndex={-1}>
          {title}
        </h2>
        <button type="button" className="close" onClick={onClose}>
          Close
        </button>
      </header>
      <div className="panel-body">{children}</div>
    </section>
  )
}
