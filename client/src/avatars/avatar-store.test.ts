import { describe, expect, it } from 'vitest'

import { avatarChanged, avatarUrl, knownMissing, markMissing } from './avatar-store'

describe('avatar store', () => {
  it('gives a changed avatar a new URL, so a cached copy is not shown again', () => {
    expect(avatarUrl(41)).toBe('/api/users/41/avatar')
    avatarChanged(41)
    expect(avatarUrl(41)).toBe('/api/users/41/avatar?v=1')
    avatarChanged(41)
    expect(avatarUrl(41)).toBe('/api/users/41/avatar?v=2')
    expect(avatarUrl(42)).toBe('/api/users/42/avatar')
  })

  it('remembers a missing avatar for a while, per URL', () => {
    markMissing('/api/users/43/avatar', 1000)
    expect(knownMissing('/api/users/43/avatar', 1000 + 60_000)).toBe(true)
    expect(knownMissing('/api/users/43/avatar?v=1', 1000 + 60_000)).toBe(false)
    expect(knownMissing('/api/users/43/avatar', 1000 + 5 * 60_000 + 1)).toBe(false)
  })
})
