// What a reaction may be: exactly one emoji as Unicode lists them for general use (RGI: skin tones,
// flags, keycaps and ZWJ sequences such as 👩‍💻 included), nothing else: not text, not two emoji,
// not an emoji with stray joiners or selectors around it. Built at run time: the `v` flag's
// Unicode-sequence property is newer than the TypeScript target.
const ONE_EMOJI = new RegExp('^\\p{RGI_Emoji}$', 'v')

// The reactions table's own bound (longer sequences than any RGI emoji are refused before the regex).
export const MAX_EMOJI_LENGTH = 64

export function isOneEmoji(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_EMOJI_LENGTH && ONE_EMOJI.test(value)
}
