import { describe, expect, it } from 'vitest'

import { SNIPPET_TOKENS, snippetOf } from './search-snippet'

const text = (parts: { text: string }[]) => parts.map((part) => part.text).join('')
const marked = (parts: { text: string; match: boolean }[]) => parts.filter((part) => part.match).map((part) => part.text)

describe('snippetOf', () => {
  it('gives a short text whole, verbatim, its matches marked whatever their case and accents', () => {
    expect(snippetOf('Un Café, crème <b>&amp;</b> CAFÉ!', ['cafe'], false)).toEqual([
      { text: 'Un ', match: false },
      { text: 'Café', match: true },
      { text: ', crème <b>&amp;</b> ', match: false },
      { text: 'CAFÉ', match: true },
      { text: '!', match: false },
    ])
  })

  it('marks words that begin with the last word only when it is a prefix; words split as the index does', () => {
    expect(marked(snippetOf('the ZEBRA-crossing and zebras', ['zebra-cro'], true))).toEqual(['ZEBRA', 'crossing'])
    expect(marked(snippetOf('the ZEBRA-crossing and zebras', ['zebra-cro'], false))).toEqual(['ZEBRA'])
    expect(marked(snippetOf('hello helpful', ['hel', 'help'], true))).toEqual(['helpful'])
  })

  it('cuts a long text around the best window of words, with an ellipsis where it was cut', () => {
    const words = Array.from({ length: 100 }, (_, i) => `w${i}`)
    words[50] = 'needle'
    const parts = snippetOf(words.join(' '), ['needle'], false)
    const shown = text(parts)
    expect(shown.startsWith('…') && shown.endsWith('…')).toBe(true)
    expect(shown.slice(1, -1).split(' ')).toHaveLength(SNIPPET_TOKENS)
    expect(marked(parts)).toEqual(['needle'])
    // Among windows with one word each, the first; a window with both words wins over it.
    words[5] = 'thread'
    words[80] = 'thread'
    expect(marked(snippetOf(words.join(' '), ['needle', 'thread'], false))).toEqual(['thread'])
    words[60] = 'thread'
    expect(marked(snippetOf(words.join(' '), ['needle', 'thread'], false))).toEqual(['needle', 'thread'])
  })

  it('shows the start of the text, unmarked, when no word is found there', () => {
    expect(snippetOf('nothing to mark', ['absent'], false)).toEqual([{ text: 'nothing to mark', match: false }])
    expect(snippetOf('👍', ['x'], false)).toEqual([{ text: '👍', match: false }])
  })
})
