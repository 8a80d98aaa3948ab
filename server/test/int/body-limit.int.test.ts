// A body over MAX_BODY_BYTES gets an honest 413: the rest of the body is read and discarded, so
// the same keep-alive connection answers the next request (it used to be reset).
import net from 'node:net'
import { describe, expect, it, vi } from 'vitest'

import { type Cast, useServerWithCast } from '../helpers/fixtures'
import type { TestServer } from '../helpers/http-server'

vi.hoisted(() => {
  process.env.MAX_BODY_BYTES = '4096'
})

let server: TestServer
let cast: Cast
useServerWithCast((s, c) => ((server = s), (cast = c)))

// One keep-alive connection: write raw requests, read each response whole.
class Connection {
  private buffer = Buffer.alloc(0)
  private waiting: (() => void) | null = null
  closed = false
  error: Error | null = null
  readonly socket: net.Socket

  constructor(url: string) {
    const { hostname, port } = new URL(url)
    this.socket = net.connect(Number(port), hostname)
    this.socket.on('data', (chunk) => {
      this.buffer = Buffer.concat([this.buffer, chunk])
      this.waiting?.()
    })
    this.socket.on('error', (error) => ((this.error = error), this.waiting?.()))
    this.socket.on('close', () => ((this.closed = true), this.waiting?.()))
  }

  write(data: string | Buffer): Promise<void> {
    return new Promise((resolve, reject) => this.socket.write(data, (error) => (error ? reject(error) : resolve())))
  }

  async response(): Promise<{ status: number; headers: Record<string, string>; body: any }> {
    for (;;) {
      const parsed = this.parse()
      if (parsed) return parsed
      if (this.error || this.closed) throw this.error ?? new Error('connection closed before a whole response')
      await new Promise<void>((resolve) => (this.waiting = resolve))
    }
  }

  // One whole response off the front of the buffer (Content-Length or chunked), or null.
  private parse() {
    const end = this.buffer.indexOf('\r\n\r\n')
    if (end < 0) return null
    const [statusLine, ...lines] = this.buffer.subarray(0, end).toString().split('\r\n')
    const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]))
    let at = end + 4
    let body = Buffer.alloc(0)
    if (headers['transfer-encoding'] === 'chunked') {
      for (;;) {
        const lineEnd = this.buffer.indexOf('\r\n', at)
        if (lineEnd < 0) return null
        const size = parseInt(this.buffer.subarray(at, lineEnd).toString(), 16)
        if (this.buffer.length < lineEnd + 2 + size + 2) return null
        body = Buffer.concat([body, this.buffer.subarray(lineEnd + 2, lineEnd + 2 + size)])
        at = lineEnd + 2 + size + 2
        if (size === 0) break
      }
    } else {
      const length = Number(headers['content-length'] ?? 0)
      if (this.buffer.length < at + length) return null
      body = this.buffer.subarray(at, at + length)
      at += length
    }
    this.buffer = this.buffer.subarray(at)
    return { status: Number(statusLine.split(' ')[1]), headers, body: JSON.parse(body.toString()) }
  }
}

const host = () => new URL(server.url).host
const post = (body: string, chunked = false) => {
  const head = `POST /api/messages HTTP/1.1\r\nHost: ${host()}\r\nAuthorization: JWT ${cast.alice.token}\r\nContent-Type: application/json\r\n`
  if (!chunked) return `${head}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
  // Streamed in 1,000-byte chunks, without a Content-Length.
  const chunks = body.match(/[^]{1,1000}/g) ?? []
  return `${head}Transfer-Encoding: chunked\r\n\r\n${chunks.map((c) => `${Buffer.byteLength(c).toString(16)}\r\n${c}\r\n`).join('')}0\r\n\r\n`
}
const me = () => `GET /api/users/me HTTP/1.1\r\nHost: ${host()}\r\nAuthorization: JWT ${cast.alice.token}\r\n\r\n`
const oversized = (content: string) => JSON.stringify({ receiver: cast.bob.id, content: content.padEnd(200_000, 'x') })
const count = async (prefix: string) =>
  (await server.payload.count({ collection: 'messages', overrideAccess: true, where: { content: { like: prefix } } })).totalDocs

describe('a body over MAX_BODY_BYTES on a keep-alive connection', () => {
  for (const [how, chunked] of [
    ['declared by Content-Length', false],
    ['streamed without a length', true],
  ] as const) {
    it(`${how}: 413, and the same connection answers the next request`, async () => {
      const connection = new Connection(server.url)
      await connection.write(post(oversized(`big ${how}`), chunked) + me())
      const refused = await connection.response()
      expect(refused.status).toBe(413)
      expect(refused.body.errors[0].message).toMatch(/larger than 4096 bytes/)
      expect(refused.headers.connection).not.toBe('close')

      const next = await connection.response()
      expect(next.status).toBe(200)
      expect(next.body.user.id).toBe(cast.alice.id)

      // And a normal send after that, still on the same socket.
      await connection.write(post(JSON.stringify({ receiver: cast.bob.id, content: `small after ${how}` }), chunked))
      expect((await connection.response()).status).toBe(201)
      expect(connection.error).toBeNull()
      expect(connection.closed).toBe(false)
      connection.socket.destroy()
      expect(await count(`big ${how}`)).toBe(0)
    })
  }
})
