// What a deployer reads in the log: a client's mistake is one info line (method, path, status,
// reason), never an ERROR with a stack trace. A real server process, its real output.
import http from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { api } from '../helpers/api'
import { spawnServer, type ServerProcess } from '../helpers/server-process'

let server: ServerProcess
let client: ReturnType<typeof api>
let token: string
let bobId: number

beforeAll(async () => {
  server = await spawnServer({ LOG_LEVEL: 'info', MAX_BODY_BYTES: '4096' })
  client = api(server.url)
  await client.signUp('Ada Admin', 'admin@test.io')
  token = (await client.signUp('Alice', 'alice@test.io')).token
  bobId = (await client.signUp('Bob', 'bob@test.io')).id
}, 90_000)
afterAll(() => {
  server?.child.kill('SIGKILL')
})

// The log lines written since `mark` (colours removed), once one matches `expected`.
async function linesAfter(mark: number, expected: RegExp): Promise<string[]> {
  // eslint-disable-next-line no-control-regex
  const lines = () => server.output().slice(mark).replace(/\u001b\[[0-9;]*m/g, '').split('\n').filter(Boolean)
  for (let i = 0; i < 200 && !lines().some((line) => expected.test(line)); i++) await new Promise((r) => setTimeout(r, 50))
  return lines()
}

const streamStatus = () =>
  new Promise<number>((resolve, reject) => {
    http.get(`${server.url}/api/messages/sse`, (res) => (resolve(res.statusCode ?? 0), res.destroy())).on('error', reject)
  })

describe('client errors in the log', () => {
  const cases: Array<[string, () => Promise<number>, RegExp]> = [
    ['a send without logging in', async () => (await client.post('/api/messages', { receiver: 1, content: 'x' })).status, /INFO( \(payload\))?: POST \/api\/messages 401 \S/],
    ['a wrong password', async () => (await client.post('/api/users/login', { email: 'alice@test.io', password: 'wrong-password' })).status, /INFO( \(payload\))?: POST \/api\/users\/login 401 The email or password provided is incorrect\./],
    ['a message that does not exist', async () => (await client.get('/api/messages/999999', token)).status, /INFO( \(payload\))?: GET \/api\/messages\/999999 404 \S/],
    ['invisible content', async () => (await client.post('/api/messages', { receiver: bobId, content: '\u200B' }, token)).status, /INFO( \(payload\))?: POST \/api\/messages 400 Content must contain something visible\./],
    ['a body over MAX_BODY_BYTES', async () => (await client.post('/api/messages', { receiver: bobId, content: 'x'.repeat(5000) }, token)).status, /INFO( \(payload\))?: POST \/api\/messages 413 The request body is larger than 4096 bytes\./],
    ['a stream without logging in', streamStatus, /INFO( \(payload\))?: GET \/api\/messages\/sse 401 \S/],
  ]
  for (const [name, request, line] of cases) {
    it(`${name}: one info line with method, path, status and reason, no ERROR, no stack`, async () => {
      const mark = server.output().length
      const status = await request()
      expect(status).toBeGreaterThanOrEqual(400)
      expect(status).toBeLessThan(500)
      const lines = await linesAfter(mark, line)
      expect(lines.filter((l) => line.test(l))).toHaveLength(1)
      expect(lines.join('\n')).not.toMatch(/ERROR|"stack"|\n\s+at /)
    })
  }

  it('keeps the query string out of the log', async () => {
    const mark = server.output().length
    await client.get('/api/messages/999999?secret=hunter2', token)
    const lines = await linesAfter(mark, /GET \/api\/messages\/999999 404/)
    expect(lines.join('\n')).not.toContain('hunter2')
  })
})
