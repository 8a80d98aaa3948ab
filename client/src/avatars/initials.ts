// What an avatar shows without a picture: the first letter of the first two words of a name
// ("Ada Lovelace" → "AL"), whole characters (an emoji or an accented letter is not cut in half).
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean)
  const firsts = words.slice(0, 2).map((word) => [...word.normalize('NFC')][0] ?? '')
  return firsts.join('').toLocaleUpperCase() || '?'
}
