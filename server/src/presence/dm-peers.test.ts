import { describe, expect, it } from 'vitest'

import { DmPeerCache } from './dm-peers'

function cache(options: { maxEntries?: number; ttlMs?: number } = {}) {
  const clock = { now: 0 }
  const loads: number[] = []
  const peers: Record<number, number[]> = { 1: [2], 2: [1], 3: [] }
  const c = new DmPeerCache(
    async (user) => {
      loads.push(user)
      return new Set(peers[user] ?? [])
    },
    { maxEntries: options.maxEntries ?? 10, ttlMs: options.ttlMs ?? 1000, now: () => clock.now },
  )
  return { c, clock, loads }
}

describe('DmPeerCache', () => {
  it('loads once per user within the TTL, sharing a load in flight, and again after it', async () => {
    const { c, clock, loads } = cache()
    const [first, second] = await Promise.all([c.of(1), c.of(1)])
    expect([...first]).toEqual([2])
    expect(second).toBe(first)
    clock.now = 999
    await c.of(1)
    expect(loads).toEqual([1])
    clock.now = 1000
    await c.of(1)
    expect(loads).toEqual([1, 1])
  })

  it('keeps at most maxEntries users, dropping the least recently asked', async () => {
    const { c, loads } = cache({ maxEntries: 2 })
    await c.of(1)
    await c.of(2)
    await c.of(1)
    await c.of(3)
    expect(c.size).toBe(2)
    await c.of(1)
    await c.of(2)
    expect(loads).toEqual([1, 2, 3, 2])
  })

  it('adds a new DM pair to both remembered users at once', async () => {
    const { c, loads } = cache()
    await c.of(3)
    await c.of(2)
    c.noteDm(3, 2)
    c.noteDm(3, 3)
    expect([...(await c.of(3))]).toEqual([2])
    expect([...(await c.of(2))].sort()).toEqual([1, 3])
    expect(loads).toEqual([3, 2])
  })

  it('does not remember a failed load', async () => {
    let fail = true
    const c = new DmPeerCache(async () => {
      if (fail) throw new Error('busy')
      return new Set([5])
    }, { maxEntries: 10, ttlMs: 1000 })
    await expect(c.of(1)).rejects.toThrow('busy')
    fail = false
    expect([...(await c.of(1))]).toEqual([5])
  })

  it('expires an entry by its age on any clock, not only one starting at zero', async () => {
    const { c, clock, loads } = cache()
    clock.now = 50_000
    await c.of(1)
    clock.now = 50_999
    await c.of(1)
    expect(loads).toEqual([1])
    clock.now = 51_000
    await c.of(1)
    expect(loads).toEqual([1, 1])
  })

  it('keeps a newer entry when an older load for the same user fails after it', async () => {
    const clock = { now: 0 }
    const loads: Array<{ reject: (error: Error) => void }> = []
    let count = 0
    const c = new DmPeerCache(
      (user) => {
        count += 1
        if (count === 1) return new Promise((_resolve, reject) => loads.push({ reject }))
        return Promise.resolve(new Set([user + 1]))
      },
      { maxEntries: 10, ttlMs: 1000, now: () => clock.now },
    )
    const stale = c.of(1)
    clock.now = 1000
    expect([...(await c.of(1))]).toEqual([2])
    loads[0].reject(new Error('busy'))
    await expect(stale).rejects.toThrow('busy')
    expect([...(await c.of(1))]).toEqual([2])
    expect(count).toBe(2)
  })
})
