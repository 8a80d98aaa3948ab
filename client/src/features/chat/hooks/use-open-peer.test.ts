import { describe, expect, it } from 'vitest'

import { hashFor, peerFromHash } from './use-open-peer'

describe('the open conversation in the URL', () => {
  it('reads and writes #/c/<user id>, and nothing else', () => {
    expect(peerFromHash(hashFor(42))).toBe(42)
    expect(peerFromHash(hashFor(null))).toBeNull()
    for (const hash of ['', '#', '#/c/', '#/c/0', '#/c/abc', '#/c/1/2', '#/c/12345678901234567', '#c/1']) {
      expect(peerFromHash(hash), hash).toBeNull()
    }
  })
})
