import { describe, expect, it } from 'vitest'

import { StallWatch } from './stall-watch'

describe('StallWatch', () => {
  it('calls a client stalled once bytes have waited, untaken, for the whole timeout', () => {
    const watch = new StallWatch(1000)
    expect(watch.observe({ queued: 10, flushed: 0, now: 0 })).toBe(false)
    expect(watch.observe({ queued: 10, flushed: 0, now: 999 })).toBe(false)
    expect(watch.observe({ queued: 10, flushed: 0, now: 1000 })).toBe(true)
  })

  it('never stalls a client with nothing queued, and starts over when the queue empties', () => {
    const watch = new StallWatch(1000)
    expect(watch.observe({ queued: 0, flushed: 0, now: 0 })).toBe(false)
    expect(watch.observe({ queued: 0, flushed: 0, now: 5000 })).toBe(false)
    expect(watch.observe({ queued: 5, flushed: 0, now: 6000 })).toBe(false)
    expect(watch.observe({ queued: 0, flushed: 5, now: 6500 })).toBe(false)
    // The wait counts from when bytes were queued again, not from the first observation.
    expect(watch.observe({ queued: 5, flushed: 5, now: 7000 })).toBe(false)
    expect(watch.observe({ queued: 5, flushed: 5, now: 7999 })).toBe(false)
    expect(watch.observe({ queued: 5, flushed: 5, now: 8000 })).toBe(true)
  })

  it('never stalls a slow client that keeps taking bytes: each read restarts the wait', () => {
    const watch = new StallWatch(1000)
    expect(watch.observe({ queued: 100, flushed: 0, now: 0 })).toBe(false)
    expect(watch.observe({ queued: 100, flushed: 1, now: 900 })).toBe(false)
    expect(watch.observe({ queued: 100, flushed: 2, now: 1800 })).toBe(false)
    // Taking nothing more since the last read: stalled a full timeout after that read.
    expect(watch.observe({ queued: 100, flushed: 2, now: 2799 })).toBe(false)
    expect(watch.observe({ queued: 100, flushed: 2, now: 2800 })).toBe(true)
  })
})
