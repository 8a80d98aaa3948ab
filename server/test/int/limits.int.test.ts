// Rate and size limits over a real HTTP server: the production request path (handleApiRequest,
// then Payload) with small limits so they are reached quickly.
import http from 'node:http'
import { describe, expect, it, vi } from 'vitest'

vi.hoisted(() => {
  Object.assign(process.env, {
    MESSAGE_RATE_PER_SECOND: '2',
    MESSAGE_BURST: '3',
    LOGIN_FAILURES_PER_IP: '3',
    // The cast and Dave sign up from the unknown address; the sign-up test uses others.
    SIGNUPS_PER_IP: '6',
    TRUST_PROXY: 'true',
    MAX_BODY_BYTES: '4096',
  })
})

import { api } from '../helpers/api'
import { type Cast, useServerWithCast } from '../helpers/fixtures'
import type { TestServer } from '../helpers/http-server'

let server: TestServer
let cast: Cast
useServerWithCast((s, c) => ((server = s), (cast = c)))

const from = (address: string) => ({ 'x-forwarded-for': address })
const countMessages = async () => (await server.payload.count({ collection: 'messages' })).totalDocs

function expectTooMany(res: { status: number; headers: Headers; body: any }) {
  expect(res.status).toBe(429)
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
  expect(res.body.errors[0].message).toMatch(/too (fast|many)/i)
}

describe('posting messages', () => {
  it('allows the sustained rate plus the burst, then 429 with Retry-After; others are unaffected', async () => {
    const { client, alice, bob } = cast
    const before = await countMessages()
    const post = (actor: typeof alice, i: number) => client.post('/api/messages', { receiver: bob.id, content: `m${i}` }, actor.token)
    for (let i = 0; i < 5; i++) expect((await post(alice, i)).status, `message ${i}`).toBe(201)
    const refused = await post(alice, 5)
    expectTooMany(refused)
    expect(await countMessages()).toBe(before + 5)

    expect((await client.post('/api/messages', { receiver: alice.id, content: 'bob is fine' }, bob.token)).status).toBe(201)

    await new Promise((resolve) => setTimeout(resolve, Number(refused.headers.get('retry-after')) * 1000 + 100))
    expect((await post(alice, 6)).status).toBe(201)
  })
})

describe('logging in', () => {
  it('limits failed logins per address; successes do not count; other addresses are unaffected', async () => {
    const { client } = cast
    await client.signUp('Dave', 'dave@test.io')
    const attempt = (address: string, password: string) =>
      client.request('POST', '/api/users/login', { body: { email: 'dave@test.io', password }, headers: from(address) })

    for (let i = 0; i < 5; i++) expect((await attempt('10.0.0.3', 'password-123')).status).toBe(200)
    for (let i = 0; i < 3; i++) expect((await attempt('10.0.0.1', 'wrong')).status).toBe(401)
    // Refused before the password is checked, so the right one is refused too.
    expectTooMany(await attempt('10.0.0.1', 'password-123'))
    // Only the address our proxy appended counts: a client-supplied prefix changes nothing.
    expectTooMany(await attempt('203.0.113.9, 10.0.0.1', 'password-123'))
    expect((await attempt('10.0.0.2', 'password-123')).status).toBe(200)
  })
})

describe('signing up', () => {
  it('limits anonymous sign-ups per address, not admins', async () => {
    const { client, admin } = cast
    const signUp = (address: string, n: number, token?: string) =>
      client.request('POST', '/api/users', {
        body: { name: `U${n}`, email: `u${n}-${address}@test.io`, password: 'password-123' },
        headers: from(address),
        token,
      })
    for (let i = 0; i < 6; i++) expect((await signUp('10.0.1.1', i)).status).toBe(201)
    expectTooMany(await signUp('10.0.1.1', 6))
    expect((await signUp('10.0.1.2', 7)).status).toBe(201)
    expect((await signUp('10.0.1.1', 8, admin.token)).status).toBe(201)
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
