import { MAX_CONTENT_LENGTH } from '../model/types'

// The counter shows from this many characters before the limit (for a message: the last 500).
const SHOWN_WITHIN = 500

// Whether a text of `length` characters should show the counter (and be described by it).
export const showsCounter = (length: number, max = MAX_CONTENT_LENGTH): boolean => length >= max - SHOWN_WITHIN

// Counts down near the limit (a message's 4,000 characters unless `max` says otherwise) and says
// by how much a text is over it.
export function LengthCounter({ id, length, className = 'counter', max = MAX_CONTENT_LENGTH }: { id: string; length: number; className?: string; max?: number }) {
  if (!showsCounter(length, max)) return null
  const over = length > max
  return (
    <span id={id} className={`${className}${over ? ' over' : ''}`} aria-live="polite">
      {over ? `${length - max} over the limit` : `${max - length} left`}
    </span>
  )
}
