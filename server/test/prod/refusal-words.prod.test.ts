// The production build answers a refusal with its own words, as the tests that run unbundled see
// them: Next's bundle renames classes, and Payload then described a hook's refusal without data
// as "An unknown error occurred." (src/hooks/keepRefusalWords.ts). Runs in `pnpm test:e2e`, after
// `pnpm build`.
import { afterAll, beforeAll, expect, it } from 'vitest'

import { api } from '../helpers/api'
import { spawnServer, type ServerProcess } from '../helpers/server-process'

let server: ServerProcess
beforeAll(async () => {
  server = await spawnServer({ LOG_LEVEL: 'warn' }, { entry: 'production', startTimeoutMs: 110_000 })
}, 120_000)
afterAll(() => {
  server?.child.kill('SIGKILL')
})

it('says why a password change with the wrong current password is refused', async () => {
  const client = api(server.url)
  const ann = await client.signUp('Ann', 'ann-words@example.com')
  const res = await client.patch(`/api/users/${ann.id}`, { password: 'another-password', currentPassword: 'not-the-password' }, ann.token)
  expect(res.status).toBe(403)
  expect(res.body.errors[0].message).toBe('The current password is incorrect.')
})

it('says why an upload of a type not accepted is refused', async () => {
  const client = api(server.url)
  const ben = await client.signUp('Ben', 'ben-words@example.com')
  const form = new FormData()
  form.append('file', new Blob(['<svg xmlns="http://www.w3.org/2000/svg"></svg>'], { type: 'image/svg+xml' }), 'drawing.svg')
  const response = await fetch(`${server.url}/api/attachments`, { method: 'POST', headers: { authorization: `JWT ${ben.token}` }, body: form })
  const body = await response.json()
  expect(response.status).toBe(400)
  expect(body.errors[0].message).not.toBe('An unknown error occurred.')
  expect(body.errors[0].message).toMatch(/svg|type|accepted/i)
})
