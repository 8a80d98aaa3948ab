import { describe, expect, it } from 'vitest'

import { initials } from './initials'

describe('initials', () => {
  it('takes the first letter of the first two words', () => {
    expect(initials('Ada Lovelace')).toBe('AL')
    expect(initials('  bob  ')).toBe('B')
    expect(initials('Jean Luc Picard')).toBe('JL')
  })

  it('keeps whole characters and says something for an empty name', () => {
    expect(initials('😀 Smile')).toBe('😀S')
    expect(initials('élodie')).toBe('É')
    expect(initials('   ')).toBe('?')
  })
})
