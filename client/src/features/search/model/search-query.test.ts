import { describe, expect, it } from 'vitest'

import { checkQuery } from './search-query'

describe('checkQuery', () => {
  it('sends the text as typed, trailing space included (a finished word)', () => {
    expect(checkQuery('  hello wor')).toEqual({ ok: true, q: 'hello wor' })
    expect(checkQuery('hello ')).toEqual({ ok: true, q: 'hello ' })
  })

  it('sends nothing the server would refuse, and says why', () => {
    expect(checkQuery('   ')).toEqual({ ok: false, reason: 'empty' })
    expect(checkQuery(' a ')).toEqual({ ok: false, reason: 'short' })
    expect(checkQuery('👍')).toEqual({ ok: false, reason: 'short' })
    expect(checkQuery('👍👍 !!')).toEqual({ ok: false, reason: 'no-words' })
    expect(checkQuery('é2')).toEqual({ ok: true, q: 'é2' })
  })
})
