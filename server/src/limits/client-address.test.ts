import { describe, expect, it, vi } from 'vitest'

import { clientAddress, UNKNOWN_CLIENT } from './client-address'
import { normalizeAddress } from './peer-address.mjs'
import { parseTrustProxy } from './trust-proxy'

const xff = (value?: string) => new Headers(value === undefined ? {} : { 'x-forwarded-for': value })
const address = (trust: string, peer: string, forwarded?: string) => clientAddress(xff(forwarded), peer, parseTrustProxy(trust))

describe('clientAddress', () => {
  it('is the TCP peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    for (const trust of ['', 'false', 'no', 'off', ' FALSE ', '0']) {
      expect(address(trust, '127.0.0.2', '10.9.9.9')).toBe('127.0.0.2')
      expect(address(trust, '::ffff:192.0.2.1', '10.9.9.9, 10.8.8.8')).toBe('192.0.2.1')
    }
  })

  it('trusts one hop for true and n hops for a number: the entries our proxies appended', () => {
    for (const trust of ['true', 'yes', 'on', ' True ']) {
      expect(address(trust, '10.0.0.1', '203.0.113.9, 198.51.100.7'), trust).toBe('198.51.100.7')
    }
    expect(address(' 2 ', '10.0.0.1', '203.0.113.9, 198.51.100.7, 10.0.0.2')).toBe('198.51.100.7')
    // Twelve hops: the peer and eleven proxies' entries.
    const eleven = Array.from({ length: 11 }, (_, i) => `10.0.1.${i + 1}`).join(', ')
    expect(address('12', '10.0.0.1', `198.51.100.7, ${eleven}`)).toBe('198.51.100.7')
    expect(address('1', '10.0.0.1', '203.0.113.9, 198.51.100.7')).toBe('198.51.100.7')
    expect(address('2', '10.0.0.1', '203.0.113.9, 198.51.100.7, 10.0.0.2')).toBe('198.51.100.7')
    // Fewer entries than trusted hops: the leftmost there is.
    expect(address('3', '10.0.0.1', '198.51.100.7')).toBe('198.51.100.7')
    // A trusted proxy that sent no header: the proxy itself is the client we know.
    expect(address('1', '10.0.0.1')).toBe('10.0.0.1')
  })

  it('trusts listed proxies by address, CIDR or name, and stops at the first address not listed', () => {
    expect(address('10.0.0.0/8', '10.0.0.1', '203.0.113.9, 198.51.100.7, 10.1.2.3')).toBe('198.51.100.7')
    expect(address('loopback', '127.0.0.1', '198.51.100.7')).toBe('198.51.100.7')
    expect(address('loopback, uniquelocal', '::1', '198.51.100.7, 192.168.1.1')).toBe('198.51.100.7')
    expect(address('fd00::/8, 10.0.0.5', 'fd00::1', '203.0.113.1, 10.0.0.5')).toBe('203.0.113.1')
    // A peer that is not a listed proxy is the client, even if it sends the header.
    expect(address('10.0.0.0/8', '198.51.100.7', '10.0.0.9')).toBe('198.51.100.7')
    expect(address('10.0.0.1', '10.0.0.2', '198.51.100.7')).toBe('10.0.0.2')
  })

  it('ignores empty entries, in X-Forwarded-For as in TRUST_PROXY (RFC 9110 list syntax)', () => {
    expect(address('1', '10.0.0.1', '198.51.100.7, ')).toBe('198.51.100.7')
    expect(address('2', '10.0.0.1', '203.0.113.9,, 198.51.100.7')).toBe('203.0.113.9')
    expect(address('loopback, ,10.0.0.0/8,', '10.0.0.1', '198.51.100.7')).toBe('198.51.100.7')
  })

  it('trusts no one without a TRUST_PROXY, and never a hop that is not an address', () => {
    expect(parseTrustProxy()('10.0.0.1', 0)).toBe(false)
    expect(parseTrustProxy('10.0.0.0/8')('not-an-ip', 0)).toBe(false)
  })

  it('shares one key among requests with no TCP peer, and warns once', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    try {
      // No peer given and none recorded: served by no peer-aware server.
      expect(clientAddress(xff('198.51.100.7'), undefined, parseTrustProxy('true'))).toBe(UNKNOWN_CLIENT)
      expect(clientAddress(xff(), undefined)).toBe(UNKNOWN_CLIENT)
      expect(warn.mock.calls).toEqual([[expect.stringMatching(/^payload-chat: no client address for a request: per-address limits are shared/)]])
    } finally {
      warn.mockRestore()
    }
  })

  it('does not take a non-address from a trusted hop', () => {
    expect(address('1', '10.0.0.1', 'not-an-ip')).toBe('10.0.0.1')
    expect(address('1', '10.0.0.1', `${'x'.repeat(5000)}`)).toBe('10.0.0.1')
  })

  it('refuses a TRUST_PROXY it cannot read, at start, naming the entry', () => {
    const notAnAddress = (entry: string) => `"${entry}" is not an address or CIDR range`
    const badPrefix = (entry: string) => `bad prefix in "${entry}"`
    for (const [bad, why] of [
      ['maybe', notAnAddress('maybe')],
      ['10.0.0.1/8/2', notAnAddress('10.0.0.1/8/2')],
      ['300.1.1.1', notAnAddress('300.1.1.1')],
      ['-1', notAnAddress('-1')],
      ['10.0.0.0/33', badPrefix('10.0.0.0/33')],
      ['10.0.0.0/-8', badPrefix('10.0.0.0/-8')],
      ['10.0.0.0/8x', badPrefix('10.0.0.0/8x')],
      ['fd00::/129', badPrefix('fd00::/129')],
    ]) {
      expect(() => parseTrustProxy(bad), bad).toThrow(
        `TRUST_PROXY must be false, true, a number of hops or a list of proxy addresses/CIDRs, got "${bad}": ${why}`,
      )
    }
  })

  it('writes one client one way', () => {
    expect(normalizeAddress('::FFFF:127.0.0.1')).toBe('127.0.0.1')
    expect(normalizeAddress('2001:DB8::1')).toBe('2001:db8::1')
  })
})
