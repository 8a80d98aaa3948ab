import { describe, expect, it } from 'vitest'

import { WindowThrottle } from './window-throttle'

function clocked(windowMs: number) {
  const clock = { now: 1_000 }
  return { clock, throttle: new WindowThrottle(windowMs, () => clock.now) }
}

describe('WindowThrottle', () => {
  it('lets one call per key through per window, each key on its own', () => {
    const { clock, throttle } = clocked(3000)
    expect(throttle.allow('a')).toBe(true)
    expect(throttle.allow('a')).toBe(false)
    expect(throttle.allow('b')).toBe(true)
    clock.now += 2999
    expect(throttle.allow('a')).toBe(false)
    clock.now += 1
    expect(throttle.allow('a')).toBe(true)
    expect(throttle.allow('a')).toBe(false)
  })

  it('holds only the keys that passed within the last window', () => {
    const { clock, throttle } = clocked(100)
    for (let i = 0; i < 1000; i++) throttle.allow(`k${i}`)
    expect(throttle.size).toBe(1000)
    clock.now += 100
    throttle.allow('late')
    expect(throttle.size).toBe(1)
  })

  it('forgets a key on demand: it passes again at once', () => {
    const { throttle } = clocked(3000)
    throttle.allow('a')
    throttle.forget('a')
    expect(throttle.allow('a')).toBe(true)
  })
})
