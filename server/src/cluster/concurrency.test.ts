import { describe, expect, it } from 'vitest'

import { webConcurrency } from './concurrency.mjs'

describe('WEB_CONCURRENCY', () => {
  it('is one process when unset or empty', () => {
    expect(webConcurrency(undefined)).toBe(1)
    expect(webConcurrency('')).toBe(1)
    expect(webConcurrency('  ')).toBe(1)
  })

  it('takes a whole number, and auto as one per core', () => {
    expect(webConcurrency('2')).toBe(2)
    expect(webConcurrency(' 4 ')).toBe(4)
    expect(webConcurrency('auto', 6)).toBe(6)
    expect(webConcurrency('AUTO', 1)).toBe(1)
  })

  it('refuses anything else with a message naming the setting and the value', () => {
    for (const bad of ['0', '-1', '1.5', 'two', '2x', '257', 'NaN']) {
      expect(() => webConcurrency(bad), bad).toThrow(`WEB_CONCURRENCY must be a whole number from 1 to 256, or "auto" (one worker per core), got "${bad}"`)
    }
  })
})
