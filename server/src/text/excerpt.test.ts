import { describe, expect, it } from 'vitest'

import { excerptOf } from './excerpt'

describe('a reply quote excerpt', () => {
  it('keeps short text whole, on one line', () => {
    expect(excerptOf('hello\n  there')).toBe('hello there')
  })

  it('cuts long text at whole code points with an ellipsis', () => {
    const text = '😀'.repeat(10)
    const cut = excerptOf(text, 5)
    expect(cut).toBe('😀😀😀😀…')
    expect(Array.from(cut)).toHaveLength(5)
  })
})
