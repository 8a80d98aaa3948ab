// Integers as clients write them (ids, cursors, limits, lengths): decimal digits, at most 15 by
// default so the number is exact in JavaScript, an optional minus where negatives are allowed.
// The one integer pattern of the app.
const INTEGER = /^-?\d+$/

// The integer `text` spells, within [min, max] and at most `digits` digits; null for anything else.
export function parseInteger(
  text: string,
  { min = -Number.MAX_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER, digits = 15 } = {},
): number | null {
  if (!INTEGER.test(text) || text.replace('-', '').length > digits || (min >= 0 && text.startsWith('-'))) return null
  const value = Number(text)
  return value >= min && value <= max ? value : null
}
