// What a message or a name may contain, so that what is stored is exactly what was accepted and
// shown. SQLite's driver cut a string at its first NUL ("before\u0000after" was stored as
// "before"), and text made only of invisible characters showed as an empty message or a blank name.

// Line endings are normalised (a Windows paste sends \r\n); the response shows the stored text.
export const normalizeLineEndings = (value: string): string => value.replace(/\r\n?/g, '\n')

// Every C0/C1 control character and DEL; newline and tab are allowed where text has lines.
const CONTROL = /[\p{Cc}]/u
const LINE_CONTROL = /[\n\t]/
// An unpaired UTF-16 surrogate (JSON allows "\ud800"): stored, it would come back as U+FFFD.
const LONE_SURROGATE = /\p{Cs}/u

// Whitespace, controls, format characters (zero-width space/joiners, word joiner, BOM, soft
// hyphen, bidi marks…) and the other default-ignorable code points (Hangul fillers, variation
// selectors), plus the braille blank: none of them shows anything on its own.
const INVISIBLE_ONLY = /^[\p{White_Space}\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]*$/u

const describe = (char: string) => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`

// The problem with `value` as the text of `label`, or null. `multiline` allows newline and tab.
export function plainTextProblem(value: string, label: string, { multiline }: { multiline: boolean }): string | null {
  if (LONE_SURROGATE.test(value)) return `${label} contains a broken character (an unpaired UTF-16 surrogate).`
  for (const char of value) {
    if (CONTROL.test(char) && !(multiline && LINE_CONTROL.test(char))) {
      const allowed = multiline ? ' (newline and tab are allowed)' : ''
      return `${label} must not contain control characters such as ${describe(char)}${allowed}.`
    }
  }
  if (value !== '' && INVISIBLE_ONLY.test(value)) return `${label} must contain something visible.`
  return null
}
