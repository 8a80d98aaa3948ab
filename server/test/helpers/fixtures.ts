import { afterAll, beforeAll } from 'vitest'

import { api } from './api'
import { startTestServer, type TestServer, type TestServerOptions } from './http-server'

export type Actor = Awaited<ReturnType<ReturnType<typeof api>['login']>>

// The first sign-up on the empty test database becomes the admin; the rest are members.
export async function createCast(baseUrl: string) {
  const client = api(baseUrl)
  const admin = await client.signUp('Ada Admin', 'admin@test.io')
  const alice = await client.signUp('Alice', 'alice@test.io')
  const bob = await client.signUp('Bob', 'bob@test.io')
  const carol = await client.signUp('Carol', 'carol@test.io')
  return { client, admin, alice, bob, carol }
}

export async function send(baseUrl: string, from: Actor, to: Actor, content: string) {
  const res = await api(baseUrl).post('/api/messages', { receiver: to.id, content }, from.token)
  if (res.status !== 201) throw new Error(`send failed: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body.doc as { id: number; content: string }
}

export type Cast = Awaited<ReturnType<typeof createCast>>

// A test file's usual setup: one server on the file's database and the cast, for all its tests.
export function useServerWithCast(ready: (server: TestServer, cast: Cast) => void, options?: TestServerOptions): void {
  let server: TestServer | undefined
  beforeAll(async () => {
    server = await startTestServer(options)
    ready(server, await createCast(server.url))
  })
  afterAll(async () => server?.close())
}
