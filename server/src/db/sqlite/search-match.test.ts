import { describe, expect, it } from 'vitest'

import { matchExpression, snippetParts } from './search-match'

describe('matchExpression', () => {
  it('quotes every word, so operators and quotes are text', () => {
    expect(matchExpression(['cats', 'OR', 'NEAR(dogs', '-x', 'a*b', 'say"hi"'], false)).toBe('"cats" "OR" "NEAR(dogs" "-x" "a*b" "say""hi"""')
  })

  it('marks the last word only as a prefix, outside its quotes', () => {
    expect(matchExpression(['hello', 'wor'], true)).toBe('"hello" "wor"*')
    expect(matchExpression(['wor"'], true)).toBe('"wor"""*')
  })
})

describe('snippetParts', () => {
  it('splits the marked matches from the text around them', () => {
    expect(snippetParts('…the \u0002cat\u0003 sat on \u0002Cats\u0003')).toEqual([
      { text: '…the ', match: false },
      { text: 'cat', match: true },
      { text: ' sat on ', match: false },
      { text: 'Cats', match: true },
    ])
  })

  it('joins adjacent matches and leaves no empty part', () => {
    expect(snippetParts('\u0002hello\u0003\u0002world\u0003')).toEqual([{ text: 'helloworld', match: true }])
    expect(snippetParts('no match here')).toEqual([{ text: 'no match here', match: false }])
    expect(snippetParts('')).toEqual([])
  })

  it('keeps text whole when a marker is unbalanced', () => {
    expect(snippetParts('a\u0003b \u0002c')).toEqual([
      { text: 'ab ', match: false },
      { text: 'c', match: true },
    ])
  })
})
