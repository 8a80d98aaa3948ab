export interface ReplyBarProps {
  author: string // "You", or the original's sender
  text: string
  onCancel: () => void
}

// Above the composer while writing a reply: to whom and what (cut to one line), and × to write
// an ordinary message instead (Escape in the composer does the same).
export function ReplyBar({ author, text, onCancel }: ReplyBarProps) {
  return (
    <div className="reply-bar" role="group" aria-label="Reply">
      <p className="reply-bar-text">
        Replying to <strong>{author}</strong>: <span className="quote-text">{text}</span>
      </p>
      <button type="button" className="link" aria-label="Cancel reply" onClick={onCancel}>
        ×
      </button>
    </div>
  )
}
