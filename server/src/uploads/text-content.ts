// A "text file" is UTF-8 (a BOM allowed) with no control characters but tab, line breaks and
// form feed: anything else is binary data given a .txt name, which we cannot vouch for.
const decoder = new TextDecoder('utf-8', { fatal: true })

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000E-\u001F\u007F]/

export function isUtf8Text(bytes: Uint8Array): boolean {
  try {
    return !CONTROL.test(decoder.decode(bytes))
  } catch {
    return false
  }
}
