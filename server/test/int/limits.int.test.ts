// Rate and size limits over a real HTTP server: the production request path (the /api entry,
// then Payload) with small limits so they are reached quickly.
import http from 'node:http'
import { describe, expect, it, vi } from 'vitest'

vi.hoisted(() => {
  Object.assign(process.env, {
    MESSAGE_RATE_PER_SECOND: '2',
    MESSAGE_BURST: '3',
    LOGIN_FAILURES_PER_ACCOUNT: '3',
    LOGIN_FAILURES_PER_IP_PER_DAY: '6',
    // The cast and Dave sign up from 127.0.0.1; the sign-up test uses other addresses.
    SIGNUPS_PER_IP: '6',
    MAX_BODY_BYTES: '4096',
    TYPING_CALLS_PER_10S: '3',
    PRESENCE_CALLS_PER_10S: '3',
  })
  // The default: no proxy is trusted, the client address is the TCP peer.
  delete process.env.TRUST_PROXY
})

import { api } from '../helpers/api'
import { type Cast, useServerWithCast } from '../helpers/fixtures'
import { clientAt, type RawResponse } from '../helpers/from-address'
import type { TestServer } from '../helpers/http-server'

let server: TestServer
let cast: Cast
useServerWithCast((s, c) => ((server = s), (cast = c)))

const countMessages = async () => (await server.payload.count({ collection: 'messages' })).totalDocs
const retryAfter = (res: { headers: Headers } | RawResponse) =>
  Number(res.headers instanceof Headers ? res.headers.get('retry-after') : res.headers['retry-after'])

function expectTooMany(res: { status: number; body: any }) {
  expect(res.status).toBe(429)
  expect(res.body.errors[0].message).toMatch(/too (fast|many)/i)
}

describe('posting messages', () => {
  it('allows the sustained rate plus the burst, then 429 with its own Retry-After; others are unaffected', async () => {
    const { client, alice, bob } = cast
    const before = await countMessages()
    const post = (actor: typeof alice, i: number) => client.post('/api/messages', { receiver: bob.id, content: `m${i}` }, actor.token)
    // However slow the machine, a limit never refuses early: the first 2 + 3 always land. Then
    // posting faster than 2/s + 3 per 10 s must meet a 429 (bounded, in case of a very slow run).
    let accepted = 0
    let refused: Awaited<ReturnType<typeof post>> | undefined
    while (!refused && accepted < 50) {
      const res = await post(alice, accepted)
      if (res.status === 201) accepted++
      else refused = res
    }
    expect(accepted).toBeGreaterThanOrEqual(5)
    expectTooMany(refused!)
    // The limiter's own wait: within the second (the burst's 10 s is the longest it can be).
    expect(retryAfter(refused!)).toBeGreaterThanOrEqual(1)
    expect(retryAfter(refused!)).toBeLessThanOrEqual(10)
    expect(await countMessages()).toBe(before + accepted)

    expect((await client.post('/api/messages', { receiver: alice.id, content: 'bob is fine' }, bob.token)).status).toBe(201)

    await new Promise((resolve) => setTimeout(resolve, retryAfter(refused!) * 1000 + 100))
    expect((await post(alice, 99)).status).toBe(201)
  })
})

describe('typing and presence calls', () => {
  it('allow TYPING_CALLS_PER_10S and PRESENCE_CALLS_PER_10S per user, then 429 with Retry-After; others are unaffected', async () => {
    const { client, alice, bob, carol } = cast
    const calls: Array<[string, object]> = [
      ['/api/typing', { receiver: bob.id }],
      ['/api/presence', { status: 'away' }],
    ]
    for (const [path, body] of calls) {
      for (let i = 0; i < 3; i++) expect((await client.post(path, body, carol.token)).status, path).toBe(204)
      const refused = await client.post(path, body, carol.token)
      expectTooMany(refused)
      expect(retryAfter(refused)).toBeGreaterThanOrEqual(1)
      expect((await client.post(path, body, alice.token)).status, path).toBe(204)
    }
  })
})

describe('logging in, with no trusted proxy (the default)', () => {
  const login = (at: ReturnType<typeof clientAt>, email: string, password: string, headers: Record<string, string> = {}) =>
    at.post('/api/users/login', { email, password }, { headers })

  it('limits consecutive failures per (account, address): a guesser elsewhere never locks the owner out', async () => {
    const { client } = cast
    await client.signUp('Dave', 'dave@test.io')
    const owner = clientAt(server.url, '127.0.0.1')
    const guesser = clientAt(server.url, '127.0.0.2')

    for (let i = 0; i < 3; i++) expect((await login(guesser, 'dave@test.io', `wrong-${i}`)).status).toBe(401)
    // Refused before the password is checked, so the right one is refused too, for minutes.
    const locked = await login(guesser, 'dave@test.io', 'password-123')
    expectTooMany(locked)
    expect(locked.body.errors[0].message).toMatch(/for this account/)
    expect(retryAfter(locked)).toBeGreaterThan(14 * 60)
    expect(retryAfter(locked)).toBeLessThanOrEqual(15 * 60)
    // An X-Forwarded-For the client writes itself changes nothing without a trusted proxy.
    expectTooMany(await login(guesser, 'dave@test.io', 'password-123', { 'x-forwarded-for': '127.0.0.1' }))
    expectTooMany(await login(guesser, 'dave@test.io', 'password-123', { 'x-forwarded-for': '198.51.100.7, 203.0.113.9' }))

    // Meanwhile the owner, at another address, logs in; a mistake of theirs does not lock them.
    expect((await login(owner, 'dave@test.io', 'wrong')).status).toBe(401)
    expect((await login(owner, 'dave@test.io', 'password-123')).status).toBe(200)
  })

  it('counts only consecutive failures: a successful login starts the count again', async () => {
    const at = clientAt(server.url, '127.0.0.3')
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 2; i++) expect((await login(at, 'bob@test.io', 'wrong')).status).toBe(401)
      expect((await login(at, 'bob@test.io', 'password-123')).status).toBe(200)
    }
  })

  it('gives each address a daily budget of failures, whatever the accounts, spoofed headers or not', async () => {
    const spender = clientAt(server.url, '127.0.0.4')
    // Six failures over six emails (real and made-up): no single account reaches its limit.
    const emails = ['alice@test.io', 'carol@test.io', 'nobody-1@test.io', 'nobody-2@test.io', 'nobody-3@test.io', 'nobody-4@test.io']
    for (const email of emails) expect((await login(spender, email, 'wrong')).status, email).toBe(401)
    const spent = await login(spender, 'alice@test.io', 'alice-password-is-not-this')
    expectTooMany(spent)
    expect(spent.body.errors[0].message).toMatch(/from this address/)
    // Most of a day.
    expect(retryAfter(spent)).toBeGreaterThan(23 * 3600)
    expectTooMany(await login(spender, 'carol@test.io', 'password-123', { 'x-forwarded-for': '127.0.0.5' }))
    // Another address has its own budget, and the accounts are not locked for it.
    const other = clientAt(server.url, '127.0.0.5')
    expect((await login(other, 'nobody-1@test.io', 'wrong')).status).toBe(401)
    expect((await login(other, 'carol@test.io', 'password-123')).status).toBe(200)
  })
})

describe('signing up', () => {
  it('limits sign-ups per address (members too), not admins; a spoofed header does not escape', async () => {
    const { admin, alice } = cast
    let n = 0
    const signUp = (address: string, token?: string, headers: Record<string, string> = {}) =>
      clientAt(server.url, address).post(
        '/api/users',
        { name: `U${++n}`, email: `u${n}-${address}@test.io`, password: 'password-123' },
        { token, headers },
      )
    for (let i = 0; i < 6; i++) expect((await signUp('127.0.1.1')).status).toBe(201)
    const refused = await signUp('127.0.1.1')
    expectTooMany(refused)
    // The hour's window, most of it still to run.
    expect(retryAfter(refused)).toBeGreaterThan(50 * 60)
    expect(retryAfter(refused)).toBeLessThanOrEqual(60 * 60)
    expectTooMany(await signUp('127.0.1.1', undefined, { 'x-forwarded-for': '127.0.1.9' }))
    expectTooMany(await signUp('127.0.1.1', alice.token))
    expect((await signUp('127.0.1.2')).status).toBe(201)
    expect((await signUp('127.0.1.1', admin.token)).status).toBe(201)
  })
})

// A raw request, to control Content-Length and chunking.
function rawPost(path: string, chunks: string[], headers: Record<string, string>) {
  return new Promise<{ status: number; body: any }>((resolve, reject) => {
    const req = http.request(`${server.url}${path}`, { method: 'POST', headers }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk) => (text += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null }))
    })
    req.on('error', reject)
    for (const chunk of chunks) req.write(chunk)
    req.end()
  })
}

describe('request bodies', () => {
  const json = (content: string) => JSON.stringify({ receiver: cast.bob.id, content })
  const auth = () => ({ 'content-type': 'application/json', authorization: `JWT ${cast.carol.token}` })

  it('refuses a body over MAX_BODY_BYTES by Content-Length with 413 JSON', async () => {
    const body = json('x'.repeat(5000))
    const res = await rawPost('/api/messages', [body], { ...auth(), 'content-length': String(Buffer.byteLength(body)) })
    expect(res.status).toBe(413)
    expect(res.body.errors[0].message).toMatch(/larger than 4096 bytes/)
  })

  it('refuses a chunked body once it passes the limit, and accepts a small chunked one', async () => {
    const before = await countMessages()
    const big = json('y'.repeat(5000))
    const refused = await rawPost('/api/messages', [big.slice(0, 3000), big.slice(3000)], auth())
    expect(refused.status).toBe(413)
    const small = json('chunked hello')
    const accepted = await rawPost('/api/messages', [small.slice(0, 10), small.slice(10)], auth())
    expect(accepted.status).toBe(201)
    expect(await countMessages()).toBe(before + 1)
  })

  it('answers 400, not 500, to malformed JSON, also through the method override', async () => {
    const client = api(server.url)
    const bad = await client.request('POST', '/api/messages', { raw: '{"receiver": ', token: cast.carol.token })
    expect(bad.status).toBe(400)
    const override = await client.request('POST', '/api/messages', {
      raw: '{nope',
      token: cast.carol.token,
      headers: { 'x-http-method-override': 'GET' },
    })
    expect(override.status).toBe(400)
    expect(override.body.errors[0].message).toMatch(/Invalid JSON/)
  })
})
