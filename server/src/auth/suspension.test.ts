import { describe, expect, it } from 'vitest'

import { isSuspended, suspendedError } from './suspension'

const now = new Date('2026-11-29T20:00:00.000Z')

describe('isSuspended', () => {
  it('is the flag, lifted by a suspendedUntil that has passed', () => {
    expect(isSuspended(null, now)).toBe(false)
    expect(isSuspended({ suspended: false, suspendedUntil: '2030-01-01T00:00:00.000Z' }, now)).toBe(false)
    expect(isSuspended({ suspended: true }, now)).toBe(true)
    expect(isSuspended({ suspended: true, suspendedUntil: null }, now)).toBe(true)
    expect(isSuspended({ suspended: true, suspendedUntil: '2026-11-29T20:00:00.001Z' }, now)).toBe(true)
    expect(isSuspended({ suspended: true, suspendedUntil: '2026-11-29T20:00:00.000Z' }, now)).toBe(false)
    expect(isSuspended({ suspended: true, suspendedUntil: '2026-11-28T00:00:00.000Z' }, now)).toBe(false)
  })

  it('keeps a suspension whose end cannot be read', () => {
    expect(isSuspended({ suspended: true, suspendedUntil: 'not a date' }, now)).toBe(true)
  })
})

describe('suspendedError', () => {
  it('says until when, in the message and the data', () => {
    const error = suspendedError({ suspended: true, suspendedUntil: '2030-01-01T00:00:00.000Z' })
    expect([error.status, error.message, error.data]).toEqual([
      403,
      'This account is suspended until 2030-01-01T00:00:00.000Z.',
      { suspendedUntil: '2030-01-01T00:00:00.000Z' },
    ])
    const open = suspendedError({ suspended: true })
    expect([open.message, open.data]).toEqual(['This account is suspended.', { suspendedUntil: null }])
  })
  it('treats an unreadable end date as no end date instead of throwing', () => {
    const error = suspendedError({ suspended: true, suspendedUntil: 'not a date' })
    expect([error.status, error.message, error.data]).toEqual([403, 'This account is suspended.', { suspendedUntil: null }])
  })
})
