import { describe, expect, it } from 'vitest'

import { connectionOf } from './use-connection'

describe('connectionOf', () => {
  it('is offline whenever the browser is, else follows the stream', () => {
    expect(connectionOf(false, 'open')).toBe('offline')
    expect(connectionOf(true, 'open')).toBe('live')
    expect(connectionOf(true, 'connecting')).toBe('connecting')
    expect(connectionOf(true, 'reconnecting')).toBe('reconnecting')
    expect(connectionOf(true, 'closed')).toBe('reconnecting')
  })
})
