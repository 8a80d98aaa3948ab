import { describe, expect, it } from 'vitest'

import { hasReacted, pendingOverrides, reactionLabel, shownReactions, withOverride, withReaction, withoutOverride } from './reactions'

const ME = 1

describe('reactions', () => {
  it('adds a new emoji last and a user last to an existing one', () => {
    const list = [{ emoji: '👍', users: [2] }]
    expect(withReaction(list, '🎉', ME, true)).toEqual([
      { emoji: '👍', users: [2] },
      { emoji: '🎉', users: [ME] },
    ])
    expect(withReaction(list, '👍', ME, true)).toEqual([{ emoji: '👍', users: [2, ME] }])
    expect(list).toEqual([{ emoji: '👍', users: [2] }]) // not mutated
  })

  it('removes a user, and the emoji when nobody is left', () => {
    const list = [
      { emoji: '👍', users: [2, ME] },
      { emoji: '🎉', users: [ME] },
    ]
    expect(withReaction(list, '👍', ME, false)).toEqual([{ emoji: '👍', users: [2] }, { emoji: '🎉', users: [ME] }])
    expect(withReaction(list, '🎉', ME, false)).toEqual([{ emoji: '👍', users: [2, ME] }])
    expect(withReaction(list, '🔥', ME, false)).toEqual(list)
  })

  it('shows pending toggles over the server list, and drops the ones a server copy shows', () => {
    const server = [{ emoji: '👍', users: [2] }]
    let overrides = withOverride([], { emoji: '👍', user: ME, reacted: true })
    overrides = withOverride(overrides, { emoji: '🔥', user: ME, reacted: true })
    expect(shownReactions(server, overrides)).toEqual([
      { emoji: '👍', users: [2, ME] },
      { emoji: '🔥', users: [ME] },
    ])
    // The server now has the 👍 (not yet the 🔥): only the 🔥 stays pending.
    expect(pendingOverrides(overrides, [{ emoji: '👍', users: [2, ME] }])).toEqual([{ emoji: '🔥', user: ME, reacted: true }])
    // A second toggle of the same emoji replaces the first; a failure removes it.
    overrides = withOverride(overrides, { emoji: '👍', user: ME, reacted: false })
    expect(overrides.filter((o) => o.emoji === '👍')).toEqual([{ emoji: '👍', user: ME, reacted: false }])
    expect(withoutOverride(overrides, '🔥', ME)).toEqual([{ emoji: '👍', user: ME, reacted: false }])
  })

  it('says the count and whether you are among them', () => {
    expect(reactionLabel({ emoji: '👍', users: [2, ME, 3] }, ME)).toBe('👍 3 reactions, including you')
    expect(reactionLabel({ emoji: '👍', users: [2] }, ME)).toBe('👍 1 reaction')
    expect(hasReacted([{ emoji: '👍', users: [2] }], '👍', ME)).toBe(false)
  })
})
