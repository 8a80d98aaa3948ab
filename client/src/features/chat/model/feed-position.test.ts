import { describe, expect, it } from 'vitest'

import { FeedPosition } from './feed-position'

describe('FeedPosition', () => {
  it('moves to each event id, and stays put on an event without one', () => {
    const position = new FeedPosition()
    expect(position.current).toBe(0)
    expect(position.reach('7')).toBe(7)
    expect(position.reach('')).toBe(7)
    expect(position.reach('x1')).toBe(7)
    expect(position.reach('12')).toBe(12)
    expect(position.current).toBe(12)
  })
})
