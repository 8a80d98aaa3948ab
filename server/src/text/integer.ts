// Integers as clients write them (ids, cursors, limits, lengths): decimal digits, at most 15 so
// the number is exact in JavaScript, an optional minus where negatives are allowed. The one
// integer pattern of the app.
const INTEGER = /^-?\d{1,15}$/

// The integer `text` spells, within [min, max]; null for anything else.
export function parseInteger(text: string, { min = -Number.MAX_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER } = {}): number | null {
  if (!INTEGER.test(text) || (min >= 0 && text.startsWith('-'))) return null
  const value = Number(text)
  return value >= min && value <= max ? value : null
}
