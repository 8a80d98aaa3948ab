import { REPLY_EXCERPT_LENGTH } from '../protocol'

// The start of a message's text for a reply's quote: whole code points (never half an emoji),
// one line (line breaks become spaces), an ellipsis when cut.
export function excerptOf(content: string, length = REPLY_EXCERPT_LENGTH): string {
  const flat = content.replace(/\s+/g, ' ').trim()
  const points = Array.from(flat)
  return points.length <= length ? flat : `${points.slice(0, length - 1).join('').trimEnd()}…`
}
