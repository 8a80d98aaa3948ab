import { typingLine } from '../model/typing-reducer'

// "Alice is typing…" under the messages; always rendered (empty when nobody types) so a screen
// reader's live region announces changes.
export function TypingLine({ names }: { names: string[] }) {
  return (
    <p className="typing-line muted" aria-live="polite" data-testid="typing">
      {typingLine(names) ?? ''}
    </p>
  )
}
