import { afterEach, describe, expect, it, vi } from 'vitest'

import { HeartbeatRota, heartbeatSlices } from './heartbeat-rota'

// Records each tick's visit: which members, in order of ticks.
function recordingRota(intervalMs: number) {
  const visits: number[][] = []
  const rota = new HeartbeatRota<number>(intervalMs, (members) => visits.push([...members]))
  const visitsOf = (member: number) => visits.filter((visit) => visit.includes(member)).length
  return { rota, visits, visitsOf }
}

describe('HeartbeatRota', () => {
  afterEach(() => vi.useRealTimers())

  it('has one slice per second of the interval, at most 15, at least one', () => {
    expect([500, 1000, 2500, 15_000, 60_000].map(heartbeatSlices)).toEqual([1, 1, 2, 15, 15])
  })

  it('visits every member exactly once per interval, a slice per tick, never all in one pass', () => {
    vi.useFakeTimers()
    const { rota, visits, visitsOf } = recordingRota(15_000)
    const members = Array.from({ length: 300 }, (_, i) => i)
    for (const member of members) rota.add(member)
    vi.advanceTimersByTime(15_000)
    expect(members.map(visitsOf)).toEqual(members.map(() => 1))
    expect(visits).toHaveLength(15)
    expect(Math.max(...visits.map((visit) => visit.length))).toBe(20)
    vi.advanceTimersByTime(15_000)
    expect(members.map(visitsOf)).toEqual(members.map(() => 2))
    for (const member of members) rota.remove(member)
  })

  it('visits a member added later within one interval, and keeps slices even as members come and go', () => {
    vi.useFakeTimers()
    const { rota, visits, visitsOf } = recordingRota(15_000)
    for (let i = 0; i < 150; i++) rota.add(i)
    vi.advanceTimersByTime(7_000)
    // The 70 members of the 7 slices visited so far leave; 150 newcomers fill those slices first.
    for (const visit of visits.splice(0)) for (const member of visit) rota.remove(member)
    for (let i = 150; i < 300; i++) rota.add(i)
    expect(rota.size).toBe(230)
    vi.advanceTimersByTime(15_000)
    const present = [...Array(300).keys()].filter((member) => rota.has(member))
    expect(present.map(visitsOf)).toEqual(present.map(() => 1))
    expect(Math.max(...visits.map((visit) => visit.length))).toBeLessThanOrEqual(Math.ceil(230 / 15))
    for (const member of present) rota.remove(member)
  })

  it('skips a removed member and stops its timer when the last one leaves', () => {
    vi.useFakeTimers()
    const { rota, visitsOf } = recordingRota(15_000)
    rota.add(1)
    rota.add(2)
    rota.remove(1)
    vi.advanceTimersByTime(15_000)
    expect([visitsOf(1), visitsOf(2), rota.hasTimer]).toEqual([0, 1, true])
    rota.remove(2)
    expect([rota.hasTimer, vi.getTimerCount()]).toEqual([false, 0])
  })
})
