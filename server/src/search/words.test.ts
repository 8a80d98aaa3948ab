import { describe, expect, it } from 'vitest'

import { searchWordsOf } from './words'

const problem = (q: string | null) => {
  try {
    searchWordsOf(q)
    return null
  } catch (error) {
    return { status: (error as { status: number }).status, message: (error as Error).message }
  }
}

describe('searchWordsOf', () => {
  it('splits on whitespace and keeps each word as typed', () => {
    expect(searchWordsOf('  Hello   "big"\tOR\n wör*ld ')).toEqual({ words: ['Hello', '"big"', 'OR', 'wör*ld'], prefix: false })
  })

  it('treats the last word as a prefix while it is being typed (no space after it)', () => {
    expect(searchWordsOf('hello wor')).toEqual({ words: ['hello', 'wor'], prefix: true })
    expect(searchWordsOf('hello wor ')).toEqual({ words: ['hello', 'wor'], prefix: false })
  })

  it('leaves out words with no letter or digit; the prefix stays on a typed word only', () => {
    expect(searchWordsOf('thanks 👍')).toEqual({ words: ['thanks'], prefix: false })
    expect(searchWordsOf('- c++ --')).toEqual({ words: ['c++'], prefix: false })
    expect(searchWordsOf('👍 merci')).toEqual({ words: ['merci'], prefix: true })
  })

  it('answers 400 for a missing, short, long, invisible, wordless or control-character q', () => {
    for (const q of [null, '', ' a ', 'x'.repeat(201), '\u200b\u200b', '👍👍', '?!', 'a\u0000b', 'ab\u0002', '\ud800x']) {
      expect(problem(q)?.status, JSON.stringify(q)).toBe(400)
    }
    expect(problem('ab')).toBeNull()
    expect(problem('é'.repeat(200))).toBeNull()
    expect(problem(Array.from({ length: 21 }, () => 'w').join(' '))?.message).toMatch(/at most 20 words/)
  })
})
