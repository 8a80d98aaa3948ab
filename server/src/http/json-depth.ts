// How deeply JSON text nests, counted on the text itself: no parse, no recursion, so a body of
// tens of thousands of `[` costs one pass instead of overflowing the stack of whatever walks the
// parsed value later (Payload's hooks and sanitizers recurse).
export const MAX_JSON_DEPTH = 32

export function jsonNestsDeeperThan(text: string, max: number = MAX_JSON_DEPTH): boolean {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 0x5c) i++ // backslash: skip the escaped character
      else if (c === 0x22) inString = false
    } else if (c === 0x22) inString = true
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true
    } else if ((c === 0x7d || c === 0x5d) && depth > 0) depth-- // a stray closer must not buy depth
  }
  return false
}

export const tooDeepMessage = (what: string) => `${what} is nested too deeply (at most ${MAX_JSON_DEPTH} levels).`
