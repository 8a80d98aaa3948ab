// TRUST_PROXY: which hops in front of the server may say who the client is, in the forms of
// Express's `trust proxy`: a number of hops, or a list of proxy addresses, CIDR ranges and the
// names loopback, linklocal, uniquelocal. `false` (the default) trusts no one: the client is the
// TCP peer. `true` trusts one hop, as it always has here; unlike Express it does not trust every
// hop, which would let any client name its own address.
import { BlockList, isIP } from 'node:net'

// Whether the address at `hop` (0: the TCP peer, 1: the last X-Forwarded-For entry, ...) is a
// proxy of ours, so the entry before it is believed.
export type IsTrustedProxy = (address: string, hop: number) => boolean

const NAMED_RANGES: Record<string, string[]> = {
  loopback: ['127.0.0.1/8', '::1/128'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
  uniquelocal: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
}

function invalid(raw: string, why: string): Error {
  return new Error(`TRUST_PROXY must be false, true, a number of hops or a list of proxy addresses/CIDRs, got "${raw}": ${why}`)
}

function addRange(list: BlockList, entry: string, raw: string): void {
  const [address, bits, extra] = entry.split('/')
  const family = isIP(address)
  if (!family || extra !== undefined) throw invalid(raw, `"${entry}" is not an address or CIDR range`)
  const type = family === 4 ? 'ipv4' : 'ipv6'
  if (bits === undefined) return list.addAddress(address, type)
  const prefix = Number(bits)
  if (!/^\d+$/.test(bits) || prefix > (family === 4 ? 32 : 128)) throw invalid(raw, `bad prefix in "${entry}"`)
  list.addSubnet(address, prefix, type)
}

export function parseTrustProxy(raw = ''): IsTrustedProxy {
  const value = raw.trim().toLowerCase()
  if (['', 'false', 'no', 'off'].includes(value)) return () => false
  if (['true', 'yes', 'on'].includes(value)) return (_address, hop) => hop < 1
  if (/^\d+$/.test(value)) {
    const hops = Number(value)
    return (_address, hop) => hop < hops
  }
  const list = new BlockList()
  for (const entry of value.split(',').map((part) => part.trim()).filter(Boolean)) {
    for (const range of NAMED_RANGES[entry] ?? [entry]) addRange(list, range, raw)
  }
  return (address) => {
    const family = isIP(address)
    return family !== 0 && list.check(address, family === 4 ? 'ipv4' : 'ipv6')
  }
}
