import { afterEach, describe, expect, it, vi } from 'vitest'

import { PushCoalescer } from './push-coalescer'

// A manual clock and timer queue: the coalescer's timing without waiting for it.
function harness(push: (user: number, value: string) => Promise<void>) {
  let now = 0
  const timers: Array<{ at: number; run: () => void }> = []
  const errors: unknown[] = []
  const coalescer = new PushCoalescer<string>(
    1000,
    push,
    (error) => errors.push(error),
    (run, delay) => timers.push({ at: now + delay, run }),
    () => now,
  )
  const advance = async (ms: number) => {
    now += ms
    for (const timer of timers.filter((t) => t.at <= now)) {
      timers.splice(timers.indexOf(timer), 1)
      timer.run()
    }
    await new Promise((resolve) => setImmediate(resolve))
  }
  return { coalescer, advance, errors, timers }
}

describe('PushCoalescer', () => {
  it('pushes the first change at once, then at most one per interval carrying the latest', async () => {
    const pushed: Array<[number, string]> = []
    const { coalescer, advance, timers } = harness(async (user, value) => void pushed.push([user, value]))
    coalescer.offer(1, 'online')
    coalescer.offer(1, 'away')
    coalescer.offer(1, 'online')
    coalescer.offer(1, 'offline')
    coalescer.offer(2, 'online')
    await advance(0)
    expect(pushed).toEqual([
      [1, 'online'],
      [2, 'online'],
    ])
    expect(timers).toHaveLength(1)
    await advance(999)
    expect(pushed).toHaveLength(2)
    await advance(1)
    expect(pushed.at(-1)).toEqual([1, 'offline'])
    expect(pushed).toHaveLength(3)
    // That push opened a new window: a change within it waits for the next one.
    coalescer.offer(1, 'online')
    await advance(0)
    expect(pushed).toHaveLength(3)
    await advance(1000)
    expect(pushed.at(-1)).toEqual([1, 'online'])
    // Past the window a change goes at once again, and nothing is left behind.
    await advance(1000)
    coalescer.offer(1, 'away')
    await advance(0)
    expect(pushed.at(-1)).toEqual([1, 'away'])
    expect(coalescer.busy).toBe(0)
  })

  it("runs one user's pushes in the order offered even when the first is slower", async () => {
    const order: string[] = []
    let releaseFirst!: () => void
    const first = new Promise<void>((resolve) => (releaseFirst = resolve))
    const { coalescer, advance } = harness(async (_user, value) => {
      if (value === 'online') await first
      order.push(value)
    })
    coalescer.offer(1, 'online')
    coalescer.offer(1, 'away')
    await advance(1000)
    expect(order).toEqual([])
    releaseFirst()
    await advance(0)
    expect(order).toEqual(['online', 'away'])
  })

  it('reports a failed push and goes on with the next', async () => {
    const pushed: string[] = []
    const { coalescer, advance, errors } = harness(async (_user, value) => {
      if (value === 'bad') throw new Error('audience lookup failed')
      pushed.push(value)
    })
    coalescer.offer(1, 'bad')
    coalescer.offer(1, 'away')
    await advance(1000)
    expect(errors).toHaveLength(1)
    expect(pushed).toEqual(['away'])
  })

  it("keeps a user's next push behind one still running after an earlier one finished", async () => {
    const order: string[] = []
    let releaseOnline!: () => void
    let releaseAway!: () => void
    const online = new Promise<void>((resolve) => (releaseOnline = resolve))
    const away = new Promise<void>((resolve) => (releaseAway = resolve))
    const { coalescer, advance } = harness(async (_user, value) => {
      if (value === 'online') await online
      if (value === 'away') await away
      order.push(value)
    })
    coalescer.offer(1, 'online')
    coalescer.offer(1, 'away')
    await advance(1000)
    releaseOnline()
    await advance(0)
    // 'online' is done, 'away' still runs: the user is busy, and a change past the window waits.
    expect(order).toEqual(['online'])
    expect(coalescer.busy).toBe(1)
    await advance(1000)
    coalescer.offer(1, 'offline')
    await advance(0)
    expect(order).toEqual(['online'])
    releaseAway()
    await advance(0)
    expect(order).toEqual(['online', 'away', 'offline'])
    expect(coalescer.busy).toBe(0)
  })

  it('counts a user with a push held back as busy, until it is pushed', async () => {
    const { coalescer, advance } = harness(async () => {})
    coalescer.offer(1, 'online')
    await advance(0)
    expect(coalescer.busy).toBe(0)
    coalescer.offer(1, 'away')
    expect(coalescer.busy).toBe(1)
    await advance(1000)
    expect(coalescer.busy).toBe(0)
  })

  it('schedules a held-back push on the real timers by default', async () => {
    vi.useFakeTimers()
    const pushed: string[] = []
    const coalescer = new PushCoalescer<string>(1000, async (_user, value) => void pushed.push(value), () => {})
    coalescer.offer(1, 'online')
    coalescer.offer(1, 'away')
    await vi.advanceTimersByTimeAsync(999)
    expect(pushed).toEqual(['online'])
    await vi.advanceTimersByTimeAsync(1)
    expect(pushed).toEqual(['online', 'away'])
  })
})

afterEach(() => {
  vi.useRealTimers()
})
