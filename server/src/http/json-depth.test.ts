import { describe, expect, it } from 'vitest'

import { jsonNestsDeeperThan } from './json-depth'

const nested = (levels: number) => '['.repeat(levels) + ']'.repeat(levels)

describe('jsonNestsDeeperThan', () => {
  it('counts the levels of arrays and objects', () => {
    expect(jsonNestsDeeperThan(nested(3), 3)).toBe(false)
    expect(jsonNestsDeeperThan(nested(4), 3)).toBe(true)
    expect(jsonNestsDeeperThan('{"a":{"b":{"c":{}}}}', 3)).toBe(true)
  })

  it('skips brackets inside strings, escaped quotes included', () => {
    expect(jsonNestsDeeperThan('{"a":"[[[[[[\\"[[[["}', 1)).toBe(false)
  })

  it('lets no stray closer before the nesting buy extra depth', () => {
    expect(jsonNestsDeeperThan(']]]]' + nested(4), 3)).toBe(true)
  })
})
