// Headers on every /api answer: never framed, never sniffed, and `Vary: Origin` since the CORS
// headers and the cookie's acceptance depend on the request's Origin. The pages' headers (chat,
// /admin) are checked against the production build in client/e2e/headers.e2e.ts.
import http from 'node:http'
import { describe, expect, it } from 'vitest'

import { type Cast, useServerWithCast } from '../helpers/fixtures'
import type { TestServer } from '../helpers/http-server'

let server: TestServer
let cast: Cast
useServerWithCast((s, c) => ((server = s), (cast = c)))

const streamHeaders = (headers: Record<string, string>) =>
  new Promise<http.IncomingHttpHeaders>((resolve, reject) => {
    http.get(`${server.url}/api/messages/sse`, { headers }, (res) => (resolve(res.headers), res.destroy())).on('error', reject)
  })

function expectApiHeaders(get: (name: string) => string | null | undefined) {
  expect(get('x-frame-options')).toBe('DENY')
  expect(get('content-security-policy')).toContain("frame-ancestors 'none'")
  expect(get('x-content-type-options')).toBe('nosniff')
  expect(get('vary')?.split(',').map((v) => v.trim().toLowerCase())).toContain('origin')
}

describe('headers on /api answers', () => {
  const requests: Array<[string, () => Promise<Response>]> = [
    ['a list (200)', () => fetch(`${server.url}/api/messages`, { headers: { authorization: `JWT ${cast.alice.token}` } })],
    ['a CORS answer for an allowed origin', () => fetch(`${server.url}/api/users/me`, { headers: { origin: 'http://localhost:5173' } })],
    ['a preflight', () => fetch(`${server.url}/api/messages`, { method: 'OPTIONS', headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' } })],
    ['a refusal (401)', () => fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })],
    ['a 413 from the body limit', () => fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(70_000) })],
  ]
  for (const [name, request] of requests) {
    it(`${name}`, async () => {
      const response = await request()
      expectApiHeaders((header) => response.headers.get(header))
    })
  }

  it('on the stream, opened and refused', async () => {
    const opened = await streamHeaders({ authorization: `JWT ${cast.alice.token}`, origin: 'http://localhost:5173' })
    expect(opened['access-control-allow-origin']).toBe('http://localhost:5173')
    expectApiHeaders((name) => opened[name] as string | undefined)
    const refused = await streamHeaders({})
    expectApiHeaders((name) => refused[name] as string | undefined)
  })
})
