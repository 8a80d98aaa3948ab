// Generative fuzzing with fast-check: requests to every route the running config answers (its
// collections' and root endpoints, ours and Payload's), with any method, hostile query parameters
// (hidden-field filters and sorts, complexity, paging), hostile bodies and headers. Invariants:
// never a 5xx or no answer, every 4xx is a JSON error and changes nothing in the database
// (compared before and after that request), the server stays up and nobody else's data changes.
//
// `pnpm test` runs a fixed seed and FUZZ_RUNS (default 600) cases; `pnpm fuzz` runs longer with a
// random seed; FUZZ_SEED=<n> replays a run (fast-check prints the seed and path of a failure).
import fc from 'fast-check'
import http from 'node:http'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { type Connection, connectElsewhere } from '../helpers/external-sql.mjs'
import { createCast, send } from '../helpers/fixtures'
import { hostileRequests, type HostileRequest } from '../helpers/hostile-requests'
import { startTestServer, type TestServer } from '../helpers/http-server'
import { everyRoute } from '../helpers/routes'

const LONG = Boolean(process.env.FUZZ_LONG)
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : LONG ? Date.now() ^ (Math.random() * 2 ** 31) : 20261129
const RUNS = Number(process.env.FUZZ_RUNS ?? (LONG ? 20_000 : 600))

let server: TestServer
let cast: Awaited<ReturnType<typeof createCast>>
let mallory: Awaited<ReturnType<typeof cast.client.signUp>>
let routes: string[]
const ids: number[] = []
let db: Connection

beforeAll(async () => {
  server = await startTestServer()
  db = await connectElsewhere(process.env.DATABASE_URI!)
  cast = await createCast(server.url)
  mallory = await cast.client.signUp('Mallory', 'mallory@test.io')
  for (const [from, to] of [[cast.alice, cast.bob], [cast.bob, cast.alice], [cast.carol, cast.alice], [mallory, cast.alice]] as const) {
    ids.push((await send(server.url, from, to, `secret from ${from.id}`)).id)
  }
  await cast.client.post('/api/messages/read', { peer: cast.alice.id, upTo: ids[3] }, mallory.token)
  await cast.client.post('/api/payload-preferences/nav', { value: { open: true } }, mallory.token)
  ids.push(cast.admin.id, cast.alice.id, mallory.id)
  routes = [
    ...everyRoute(server.payload),
    // unknown, disabled, and a collection without REST endpoints
    'get /api/nope', 'post /api/graphql', 'get /api/globals/nope', 'get /api/payload-migrations',
  ]
}, 120_000)
afterAll(async () => {
  await db?.close()
  await server?.close()
})

// The database as the API can change it. Left out: the columns a failed login moves on purpose
// (attempts, lock, updated_at), which limit password guessing.
const SNAPSHOT = [
  'SELECT * FROM messages ORDER BY id',
  'SELECT id, email, name, role, hash, salt, created_at FROM users ORDER BY id',
  'SELECT _parent_id, id FROM users_sessions ORDER BY _parent_id, id',
  'SELECT * FROM conversation_reads ORDER BY id',
  'SELECT * FROM payload_preferences ORDER BY id',
  'SELECT * FROM payload_preferences_rels ORDER BY id',
  'SELECT * FROM payload_locked_documents ORDER BY id',
  'SELECT * FROM payload_locked_documents_rels ORDER BY id',
  'SELECT * FROM message_changes ORDER BY id',
]
async function snapshot(): Promise<string> {
  return JSON.stringify(await db.transaction(SNAPSHOT.map((sql) => ({ sql, args: [] })), 'read'))
}

// Everything that is not Mallory's: she may change her own messages, name, markers, preferences.
async function othersData(): Promise<string> {
  const results = await db.transaction(
    [
      `SELECT id, sender_id, receiver_id, content, timestamp, edited_at, created_at, updated_at FROM messages WHERE sender_id <> ${mallory.id} ORDER BY id`,
      `SELECT id, email, name, role, hash, salt FROM users WHERE id <> ${mallory.id} ORDER BY id`,
      `SELECT user_id, peer_id, last_read_id FROM conversation_reads WHERE user_id <> ${mallory.id} ORDER BY id`,
      'SELECT COUNT(*) AS users FROM users',
    ].map((sql) => ({ sql, args: [] })),
    'read',
  )
  return JSON.stringify(results)
}

// One fresh connection per request (agent: false): a socket the server closed after a hostile
// request (431, 413) is never reused for the next one, so every "no answer" is real.
function sendHostile(request: HostileRequest): Promise<{ status: number; text: string; type: string }> {
  return new Promise((resolve) => {
    // Node's client frames a DELETE or OPTIONS body only with an explicit Content-Length.
    const headers = request.body === undefined ? request.headers : { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) }
    const req = http.request(`${server.url}${request.path}`, { method: request.method, headers, agent: false, timeout: 10_000 }, (res) => {
      const type = String(res.headers['content-type'] ?? '')
      // An accepted stream never ends by itself: its headers are the answer.
      if (type.startsWith('text/event-stream')) {
        req.destroy()
        return resolve({ status: res.statusCode ?? 0, text: '', type })
      }
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk) => (text += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text, type }))
      res.on('error', (error) => resolve({ status: 0, text: String(error), type: '' }))
    })
    req.on('timeout', () => req.destroy(new Error('timed out')))
    req.on('error', (error) => resolve({ status: 0, text: String(error), type: '' }))
    req.end(request.body)
  })
}

function problemWith(request: HostileRequest, answer: { status: number; text: string; type: string }): string | null {
  if (answer.status === 0) return `no answer: ${answer.text}`
  if (answer.status >= 500) return `${answer.status}: ${answer.text.slice(0, 300)}`
  // Node itself refuses an oversized URL (431) before any handler runs: no body to check.
  if (answer.status === 431 || request.method === 'HEAD' || answer.status < 400) return null
  try {
    const body = JSON.parse(answer.text)
    if (Array.isArray(body.errors) && typeof body.errors[0]?.message === 'string') return null
    if (typeof body.message === 'string') return null
    return `${answer.status} without an error message: ${answer.text.slice(0, 200)}`
  } catch {
    return `${answer.status} is not JSON (${answer.type}): ${answer.text.slice(0, 200)}`
  }
}

it(`answers ${RUNS} generated requests (seed ${SEED}) with 2xx/4xx JSON; a 4xx changes nothing`, async () => {
  const before = await othersData()
  const statuses = new Map<number, number>()
  const property = fc.asyncProperty(hostileRequests({ routes, ids, member: mallory.token, admin: cast.admin.token }), async (request) => {
    const data = await snapshot()
    const answer = await sendHostile(request)
    statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1)
    const problem = problemWith(request, answer)
    if (problem) throw new Error(`${request.method} ${request.path.slice(0, 300)} body=${request.body?.slice(0, 200)} → ${problem}`)
    if (answer.status >= 400 && answer.status !== 431) expect(await snapshot(), `${answer.status} changed data: ${request.method} ${request.path}`).toBe(data)
  })
  try {
    await fc.assert(property, { seed: SEED, numRuns: RUNS })
  } finally {
    console.log(`fuzz seed ${SEED}, ${RUNS} runs over ${routes.length} routes; statuses`, Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))
  }
  // Still up and still answering its owners; nobody else's data changed.
  expect((await cast.client.get('/api/messages', cast.alice.token)).status).toBe(200)
  expect(await othersData()).toBe(before)
}, LONG ? 24 * 3600_000 : 180_000)
