import { describe, expect, it } from 'vitest'

import { decideStart } from './resume'

describe('decideStart', () => {
  const feed = { latest: 100, oldestResumable: 40 }

  it('starts live at the latest change without a cursor or at the end of the feed', () => {
    expect(decideStart({ ...feed, cursor: null })).toEqual({ kind: 'live', from: 100 })
    expect(decideStart({ ...feed, cursor: 100 })).toEqual({ kind: 'live', from: 100 })
  })

  it('replays from a cursor still inside retention', () => {
    expect(decideStart({ ...feed, cursor: 40 })).toEqual({ kind: 'replay', from: 40, to: 100 })
    expect(decideStart({ ...feed, cursor: 99 })).toEqual({ kind: 'replay', from: 99, to: 100 })
  })

  it('resets a cursor older than retention', () => {
    expect(decideStart({ ...feed, cursor: 39 })).toEqual({ kind: 'reset', from: 100, reason: 'expired' })
  })

  it('resets a cursor ahead of the feed', () => {
    expect(decideStart({ ...feed, cursor: 101 })).toEqual({ kind: 'reset', from: 100, reason: 'ahead' })
  })
})
