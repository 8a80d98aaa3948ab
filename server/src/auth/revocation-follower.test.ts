import { describe, expect, it, vi } from 'vitest'

import type { AccessChange, CrossProcess, Revocation } from '../db/cross-process'
import { RevocationFollower } from './revocation-follower'

// An in-memory revocation log; `revocationsAfter` can be held to overlap a wake with a read.
function memoryLog(initial: Revocation[] = []) {
  const rows = [...initial]
  let hold: Promise<void> | undefined
  const store: CrossProcess = {
    watchCommits: () => () => {},
    revoke: async (change: AccessChange) => void rows.push({ ...change, id: rows.length + 1 }),
    latestRevocation: async () => rows.at(-1)?.id ?? 0,
    revocationsAfter: async (cursor) => {
      const found = rows.filter((row) => row.id > cursor)
      await hold
      return found
    },
    pruneRevocations: async () => 0,
  }
  return { store, holdReads: (until: Promise<void>) => (hold = until), release: () => (hold = undefined) }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('RevocationFollower', () => {
  it('applies what is written after its start, in order, once each', async () => {
    const log = memoryLog([{ id: 1, kind: 'user', userId: 'before-start' }])
    const applied: string[] = []
    const follower = new RevocationFollower({ store: log.store, fallbackMs: 60_000, apply: (r) => void applied.push(r.userId), logError: () => {} })
    await follower.start()
    await log.store.revoke({ kind: 'sessions', userId: 'a', sessionIds: ['s1'] })
    await log.store.revoke({ kind: 'changed', userId: 'b' })
    follower.wake()
    await settle()
    follower.wake()
    await settle()
    follower.stop()
    expect(applied).toEqual(['a', 'b'])
    expect(follower.position).toBe(3)
  })

  it('reads again when woken during a read, so a revocation written meanwhile is not left until the fallback', async () => {
    const log = memoryLog()
    const applied: string[] = []
    const follower = new RevocationFollower({ store: log.store, fallbackMs: 60_000, apply: (r) => void applied.push(r.userId), logError: () => {} })
    await follower.start()
    let release!: () => void
    log.holdReads(new Promise<void>((resolve) => (release = resolve)))
    follower.wake()
    await log.store.revoke({ kind: 'user', userId: 'late' })
    follower.wake()
    log.release()
    release()
    await vi.waitFor(() => expect(applied).toEqual(['late']))
    follower.stop()
  })

  it('goes on past a revocation whose application failed, and logs it', async () => {
    const log = memoryLog()
    const errors: string[] = []
    const applied: string[] = []
    const follower = new RevocationFollower({
      store: log.store,
      fallbackMs: 60_000,
      apply: (r) => {
        if (r.userId === 'bad') throw new Error('boom')
        applied.push(r.userId)
      },
      logError: (_, message) => void errors.push(message),
    })
    await follower.start()
    await log.store.revoke({ kind: 'user', userId: 'bad' })
    await log.store.revoke({ kind: 'user', userId: 'good' })
    follower.wake()
    await vi.waitFor(() => expect(applied).toEqual(['good']))
    expect(errors).toEqual(['applying a revocation failed'])
    follower.stop()
  })
})
