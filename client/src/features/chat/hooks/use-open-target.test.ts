import { describe, expect, it } from 'vitest'

import { hashFor, targetFromHash } from './use-open-target'

describe('the open conversation in the URL', () => {
  it('reads and writes #/c/<user id> and #/room/<room id>, and nothing else', () => {
    expect(targetFromHash(hashFor({ kind: 'dm', id: 42 }))).toEqual({ kind: 'dm', id: 42 })
    expect(targetFromHash(hashFor({ kind: 'room', id: 7 }))).toEqual({ kind: 'room', id: 7 })
    expect(hashFor({ kind: 'room', id: 7 })).toBe('#/room/7')
    expect(targetFromHash(hashFor(null))).toBeNull()
    for (const hash of ['', '#', '#/c/', '#/c/0', '#/c/abc', '#/c/1/2', '#/c/12345678901234567', '#c/1', '#/room/', '#/room/-1', '#/rooms/1']) {
      expect(targetFromHash(hash), hash).toBeNull()
    }
  })
})
