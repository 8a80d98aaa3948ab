import { describe, expect, it } from 'vitest'

import { isOneEmoji } from './emoji'

describe('isOneEmoji', () => {
  it('takes one emoji, skin tones, flags, keycaps and ZWJ sequences included', () => {
    for (const emoji of ['👍', '👍🏽', '🇫🇷', '1️⃣', '👩‍💻', '👨‍👩‍👧‍👦', '❤️', '🏳️‍🌈']) expect(isOneEmoji(emoji), emoji).toBe(true)
  })

  it('refuses text, two emoji, padding, stray joiners and anything not a string', () => {
    for (const value of ['', 'ok', ':+1:', '👍👍', ' 👍', '👍 ', '👍\u200d', 'a👍', '1', '❤'.repeat(65), 42, null, ['👍'], { emoji: '👍' }]) {
      expect(isOneEmoji(value), String(value)).toBe(false)
    }
  })
})
