// The app's own origin: SERVER_URL and the origin a request was sent to are accepted with the
// session cookie, whatever ALLOWED_ORIGINS says; every other origin is still refused (CSRF).
import http from 'node:http'
import { describe, expect, it, vi } from 'vitest'

import { type Cast, useServerWithCast } from '../helpers/fixtures'
import type { TestServer } from '../helpers/http-server'

vi.hoisted(() => {
  process.env.SERVER_URL = 'https://chat.example.test/'
  process.env.ALLOWED_ORIGINS = 'http://localhost:5173'
})

let server: TestServer
let cast: Cast
useServerWithCast((s, c) => ((server = s), (cast = c)))

// A POST with Alice's cookie, as her browser sends it from `origin` (null: no Origin at all).
function postWithCookie(path: string, headers: Record<string, string>, body: unknown): Promise<{ status: number; body: any }> {
  const url = new URL(path, server.url)
  const payload = JSON.stringify(body)
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        headers: { cookie: `payload-token=${cast.alice.token}`, 'content-type': 'application/json', ...headers },
      },
      (res) => {
        let text = ''
        res.setEncoding('utf8').on('data', (chunk) => (text += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null }))
      },
    )
    req.on('error', reject)
    req.end(payload)
  })
}

const sendAs = (headers: Record<string, string>, content: string) =>
  postWithCookie('/api/messages', headers, { receiver: cast.bob.id, content })

const stored = async (content: string) =>
  (await server.payload.count({ collection: 'messages', overrideAccess: true, where: { content: { equals: content } } })).totalDocs

describe('the session cookie from the app its own origin', () => {
  it('is accepted from the origin the request was sent to, not on ALLOWED_ORIGINS', async () => {
    const own = new URL(server.url).origin
    const res = await sendAs({ origin: own }, 'from my own origin')
    expect(res.status).toBe(201)
    expect(res.body.doc.sender.id).toBe(cast.alice.id)
  })

  it('is accepted from SERVER_URL, by any Host', async () => {
    const res = await sendAs({ origin: 'https://chat.example.test' }, 'from SERVER_URL')
    expect(res.status).toBe(201)
  })

  it('is accepted from https://<host> when a TLS proxy says X-Forwarded-Proto: https', async () => {
    const res = await sendAs({ origin: 'https://chat.internal:8443', host: 'chat.internal:8443', 'x-forwarded-proto': 'https' }, 'behind a proxy')
    expect(res.status).toBe(201)
  })

  it('is still accepted from ALLOWED_ORIGINS', async () => {
    expect(await sendAs({ origin: 'http://localhost:5173' }, 'from the dev client')).toMatchObject({ status: 201 })
  })

  it('opens the stream from the own origin', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.get(
        `${server.url}/api/messages/sse`,
        { headers: { cookie: `payload-token=${cast.alice.token}`, origin: new URL(server.url).origin } },
        (res) => {
          resolve(res.statusCode ?? 0)
          res.destroy()
        },
      )
      req.on('error', reject)
    })
    expect(status).toBe(200)
  })
})

describe('the session cookie from any other origin (CSRF)', () => {
  const own = () => new URL(server.url)
  const foreign: Array<[string, () => Record<string, string>]> = [
    ['a foreign site', () => ({ origin: 'https://evil.example' })],
    ['another port of the same host', () => ({ origin: `http://${own().hostname}:${Number(own().port) + 1}` })],
    ['another host name for the same address', () => ({ origin: `http://localhost:${own().port}` })],
    ['the same host over the other scheme', () => ({ origin: `https://${own().host}` })],
    ['http:// where a TLS proxy says https', () => ({ origin: `http://${own().host}`, 'x-forwarded-proto': 'https' })],
    ['SERVER_URL over http', () => ({ origin: 'http://chat.example.test' })],
    ['an opaque origin', () => ({ origin: 'null' })],
    ['a cross-site request without Origin', () => ({ 'sec-fetch-site': 'cross-site' })],
  ]
  for (const [name, headers] of foreign) {
    it(`is refused from ${name}, and nothing is stored`, async () => {
      const content = `csrf: ${name}`
      const res = await sendAs(headers(), content)
      expect(res.status).toBe(401)
      expect(res.body.errors[0].message).toBeTruthy()
      expect(await stored(content)).toBe(0)
    })
  }
})
