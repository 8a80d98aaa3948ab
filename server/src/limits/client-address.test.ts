import { describe, expect, it } from 'vitest'

import { clientAddress } from './client-address'
import { normalizeAddress } from './peer-address.mjs'
import { parseTrustProxy } from './trust-proxy'

const xff = (value?: string) => new Headers(value === undefined ? {} : { 'x-forwarded-for': value })
const address = (trust: string, peer: string, forwarded?: string) => clientAddress(xff(forwarded), peer, parseTrustProxy(trust))

describe('clientAddress', () => {
  it('is the TCP peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    for (const trust of ['', 'false', '0']) {
      expect(address(trust, '127.0.0.2', '10.9.9.9')).toBe('127.0.0.2')
      expect(address(trust, '::ffff:192.0.2.1', '10.9.9.9, 10.8.8.8')).toBe('192.0.2.1')
    }
  })

  it('trusts one hop for true and n hops for a number: the entries our proxies appended', () => {
    expect(address('true', '10.0.0.1', '203.0.113.9, 198.51.100.7')).toBe('198.51.100.7')
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

  it('does not take a non-address from a trusted hop', () => {
    expect(address('1', '10.0.0.1', 'not-an-ip')).toBe('10.0.0.1')
    expect(address('1', '10.0.0.1', `${'x'.repeat(5000)}`)).toBe('10.0.0.1')
  })

  it('refuses a TRUST_PROXY it cannot read, at start', () => {
    for (const bad of ['maybe', '10.0.0.0/33', '10.0.0.1/8/2', '300.1.1.1', '-1']) {
      expect(() => parseTrustProxy(bad), bad).toThrow(/TRUST_PROXY/)
    }
  })

  it('writes one client one way', () => {
    expect(normalizeAddress('::FFFF:127.0.0.1')).toBe('127.0.0.1')
    expect(normalizeAddress('2001:DB8::1')).toBe('2001:db8::1')
  })
})
