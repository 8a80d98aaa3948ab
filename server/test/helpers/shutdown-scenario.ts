// Graceful shutdown of a real server process, whichever entry point runs it: SIGTERM while
// streams are open and a write is provably in flight (no sleep decides what is in flight). Streams
// get a final retry hint and end, the write in flight finishes and is stored, requests after the
// signal are refused, exit code 0, and the log tells it in the order it happened.
import http from 'node:http'
import { expect, vi } from 'vitest'

import { api } from './api'
import { connectElsewhere } from './external-sql.mjs'
import { createCast } from './fixtures'
import type { ServerProcess } from './server-process'
import { openStream } from './sse-client'

export const SHUTDOWN_RETRY_MS = '1234'

// `processes`: how many server processes drain (WEB_CONCURRENCY workers), each logging its own.
export async function expectGracefulShutdown(server: ServerProcess, { processes = 1 } = {}): Promise<void> {
  const cast = await createCast(server.url)
  const streams = await Promise.all([cast.alice, cast.bob].map((actor) => openStream(server.url, { token: actor.token })))
  for (const s of streams) await s.ready()

  const held = await heldRequest(server.url, cast.alice.token, { receiver: cast.bob.id, content: 'held in flight' })
  server.child.kill('SIGTERM')
  // The server is stopping with exactly the held request counted: its log says so.
  await vi.waitFor(() => expect(server.output()).toContain('shutting down: 1 request(s) in flight'), { timeout: 20_000 })
  for (const s of streams) {
    await s.closed
    // The last frame is the retry hint, after the ready frame's own.
    expect(s.body.trimEnd().endsWith(`retry: ${SHUTDOWN_RETRY_MS}`)).toBe(true)
  }
  // A new request is refused: 503, or no connection at all once the listener is closed.
  const late = await api(server.url).get('/api/users/me', cast.alice.token).catch(() => null)
  if (late) expect(late.status).toBe(503)
  // The request in flight finishes, and is stored, before the process exits with 0.
  held.send()
  const answer = await held.answered.catch((error) => {
    throw new Error(`the request in flight failed: ${error}\nserver log:\n${server.output()}`)
  })
  expect(answer.status).toBe(201)
  expect(await server.exited).toBe(0)
  const db = await connectElsewhere(process.env.DATABASE_URI!)
  const rows = await db.execute(`SELECT id FROM messages WHERE content = 'held in flight'`)
  await db.close()
  expect(rows.map((row) => Number(row.id))).toEqual([answer.body.doc.id])

  expectShutdownLoggedInOrder(server.output(), processes)
}

// The log tells a shutdown in the order of events: its start before its end, once per process
// (with several, every start comes before the last end).
export function expectShutdownLoggedInOrder(log: string, processes = 1): void {
  const lines = log.split('\n').filter((line) => /shutting down|shutdown complete/.test(line))
  const said = lines.map((line) => line.match(/shutting down|shutdown complete/)![0])
  expect([...said].sort()).toEqual([...Array(processes).fill('shutdown complete'), ...Array(processes).fill('shutting down')])
  expect(said[0]).toBe('shutting down')
  expect(said.at(-1)).toBe('shutdown complete')
}

// A POST taken by the server but not finished: its headers are sent with `Expect: 100-continue`,
// and the server's `100 Continue` answer comes from the same synchronous step that hands the
// request to the handler, which counts it in flight. The body follows on `send()`.
function heldRequest(url: string, token: string, body: unknown): Promise<{ send(): void; answered: Promise<{ status: number; body: any }> }> {
  const payload = JSON.stringify(body)
  return new Promise((resolveTaken, rejectTaken) => {
    const req = http.request(`${url}/api/messages`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(payload),
        authorization: `JWT ${token}`,
        expect: '100-continue',
      },
    })
    const answered = new Promise<{ status: number; body: any }>((resolve, reject) => {
      req.on('response', (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk) => (text += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null }))
      })
      req.on('error', reject)
    })
    req.on('error', rejectTaken)
    req.on('continue', () => resolveTaken({ send: () => req.end(payload), answered }))
    req.flushHeaders()
  })
}
