import { MAX_CONTENT_LENGTH } from '../model/types'

const COUNTER_FROM = MAX_CONTENT_LENGTH - 500

// Whether a text of `length` characters should show the counter (and be described by it).
export const showsCounter = (length: number): boolean => length >= COUNTER_FROM

// Counts down near the 4,000-character limit and says by how much a text is over it.
export function LengthCounter({ id, length, className = 'counter' }: { id: string; length: number; className?: string }) {
  if (!showsCounter(length)) return null
  const over = length > MAX_CONTENT_LENGTH
  return (
    <span id={id} className={`${className}${over ? ' over' : ''}`} aria-live="polite">
      {over ? `${length - MAX_CONTENT_LENGTH} over the limit` : `${MAX_CONTENT_LENGTH - length} left`}
    </span>
  )
}
