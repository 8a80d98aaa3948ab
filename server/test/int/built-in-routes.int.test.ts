// Every REST route the running config answers (Payload's built-in ones for every collection and
// the root, and ours), for each method it takes, as anonymous, a member and the admin: never a
// 5xx. Routes of features not in use (versions, restore, verification, duplicate) are 404.
import type { Where } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { type Actor, type Cast, send, useServerWithCast } from '../helpers/fixtures'
import type { TestServer } from '../helpers/http-server'
import { everyRoute } from '../helpers/routes'

let server: TestServer
let cast: Cast
let messageId: number
useServerWithCast((s, c) => ((server = s), (cast = c)))

beforeAll(async () => {
  messageId = (await send(server.url, cast.alice, cast.bob, 'hi')).id
})

type Who = 'anonymous' | 'member' | 'admin'

// Parameters name nothing that exists (so nobody's data changes), bulk routes get a where that
// matches nothing, and logging out uses a session of its own.
async function tokenFor(who: Who, path: string): Promise<string | undefined> {
  if (who === 'anonymous') return undefined
  const email = who === 'admin' ? 'admin@test.io' : 'alice@test.io'
  return /logout/.test(path) ? (await cast.client.login(email)).token : (who === 'admin' ? cast.admin : cast.alice).token
}

describe('every built-in and custom route', () => {
  it('answers no 5xx to anyone, for any of its routes', async () => {
    const routes = everyRoute(server.payload)
    expect(routes.length).toBeGreaterThan(60)
    const failures: string[] = []
    // The stream never ends by itself: its answers are the stream tests' (stream-endpoint.int.test.ts).
    for (const route of routes.filter((r) => !r.endsWith('/sse'))) {
      const [method, template] = route.split(' ')
      const path = template.replace(/:\w+\?/g, '').replace(/:\w+/g, '999999') + '?where[id][equals]=999999'
      for (const who of ['anonymous', 'member', 'admin'] as const) {
        const token = await tokenFor(who, path)
        const res = await cast.client.request(method.toUpperCase(), path, { token, body: method === 'get' || method === 'delete' ? undefined : {} })
        if (res.status >= 500) failures.push(`${who} ${route} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`)
      }
    }
    expect(failures).toEqual([])
  }, 180_000)
})

describe('routes of features not in use', () => {
  const actors: Array<[Who, () => Actor | undefined]> = [
    ['anonymous', () => undefined],
    ['member', () => cast.alice],
    ['admin', () => cast.admin],
  ]
  it.each([
    ['GET', '/api/messages/versions'],
    ['GET', '/api/messages/versions/1'],
    ['POST', '/api/messages/versions/1'],
    ['GET', '/api/users/versions'],
    ['GET', '/api/conversation-reads/versions'],
    ['GET', '/api/payload-locked-documents/versions'],
    ['POST', '/api/users/verify/abc'],
    ['POST', '/api/messages/MSG/duplicate'],
    ['POST', '/api/users/1/duplicate'],
  ])('%s %s → 404 for anyone, and nothing is created', async (method, template) => {
    const path = template.replace('MSG', String(messageId))
    const before = await server.payload.count({ collection: 'messages' })
    for (const [who, actor] of actors) {
      const res = await cast.client.request(method, path, { token: actor()?.token, body: method === 'POST' ? {} : undefined })
      expect(res.status, `${who}: ${JSON.stringify(res.body)}`).toBe(404)
      expect(typeof (res.body.errors?.[0]?.message ?? res.body.message)).toBe('string')
    }
    expect(await server.payload.count({ collection: 'messages' })).toEqual(before)
  })

  it('Payload’s own queries still run through the checks (the admin panel’s document locks use Date values)', async () => {
    // Payload's types say a string; its own code passes the Date itself.
    const since = new Date(0) as unknown as string
    const where: Where = { and: [{ 'document.relationTo': { equals: 'messages' } }, { updatedAt: { greater_than: since } }] }
    await expect(server.payload.find({ collection: 'payload-locked-documents', where })).resolves.toMatchObject({ docs: [] })
  })

  it('a preference can be deleted by its owner (Payload’s own handler answered 500)', async () => {
    expect((await cast.client.post('/api/payload-preferences/nav', { value: { open: true } }, cast.alice.token)).status).toBe(200)
    expect((await cast.client.del('/api/payload-preferences/nav', cast.bob.token)).status).toBe(404)
    expect((await cast.client.del('/api/payload-preferences/nav', cast.alice.token)).status).toBe(200)
    expect((await cast.client.get('/api/payload-preferences/nav', cast.alice.token)).body.value ?? null).toBeNull()
    expect((await cast.client.del('/api/payload-preferences/nav', cast.alice.token)).status).toBe(404)
  })
})
