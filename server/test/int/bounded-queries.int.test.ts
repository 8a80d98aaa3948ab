// Query parameters and bodies that answered 500 or built unbounded answers: each now gets a 400
// with a message before anything reaches the database, through a GET and through a POST with
// `X-Payload-HTTP-Method-Override: GET` and a form body alike, on every collection.
import { beforeAll, describe, expect, it } from 'vitest'

import type { ApiResponse } from '../helpers/api'
import { type Cast, send, useServerWithCast } from '../helpers/fixtures'
import { COMPLEXITY_QUERIES, PAGING_QUERIES, deepJson } from '../helpers/hostile-requests'
import type { TestServer } from '../helpers/http-server'

let server: TestServer
let cast: Cast
useServerWithCast((s, c) => ((server = s), (cast = c)))

const COLLECTIONS = ['messages', 'users', 'conversation-reads', 'payload-preferences', 'payload-locked-documents']

// Over a hundred messages between Alice and Bob, so that the cap is what stops a page.
beforeAll(async () => {
  for (let i = 0; i < 105; i++) {
    await server.payload.create({ collection: 'messages', data: { sender: cast.alice.id, receiver: cast.bob.id, content: `m${i}` } })
  }
})

const get = (path: string, token = cast.admin.token) => cast.client.get(path, token)
const overridden = (path: string, form: string, token = cast.admin.token) =>
  cast.client.request('POST', path, {
    token,
    raw: form,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-payload-http-method-override': 'GET' },
  })

function expectRefused(res: ApiResponse, pattern?: RegExp) {
  expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(400)
  expect(typeof res.body.errors[0].message).toBe('string')
  if (pattern) expect(res.body.errors[0].message).toMatch(pattern)
}

describe('paging parameters', () => {
  it.each(COLLECTIONS.flatMap((slug) => Object.entries(PAGING_QUERIES).map(([name, query]) => [slug, name, query] as const)))(
    '%s: %s → 400, by GET and by the method override',
    async (slug, _name, query) => {
      expectRefused(await get(`/api/${slug}?${query}`))
      expectRefused(await overridden(`/api/${slug}`, query))
    },
  )

  it('answers at most 100 documents a page, with or without pagination', async () => {
    const full = await get('/api/messages?limit=100&depth=1', cast.alice.token)
    expect(full.status).toBe(200)
    expect(full.body.docs).toHaveLength(100)
    expect(full.body.hasNextPage).toBe(true)
    const unpaged = await get('/api/messages?pagination=false&limit=100', cast.alice.token)
    expect(unpaged.status).toBe(200)
    expect(unpaged.body.docs).toHaveLength(100)
    expectRefused(await get('/api/messages?limit=101', cast.alice.token), /limit.*1 to 100/)
  })

  it('lets a bulk delete say limit=0, bounded by its where (the admin panel does)', async () => {
    const doomed = await send(server.url, cast.carol, cast.bob, 'to be moderated')
    const res = await cast.client.del(`/api/messages?limit=0&where[id][in]=${doomed.id}`, cast.admin.token)
    expect(res.status).toBe(200)
    expect(res.body.docs.map((d: { id: number }) => d.id)).toEqual([doomed.id])
  })
})

describe('query complexity', () => {
  it.each(Object.entries(COMPLEXITY_QUERIES))('%s → 400 by the method override', async (_name, query) => {
    const before = await server.payload.count({ collection: 'messages' })
    for (const token of [cast.alice.token, cast.admin.token]) expectRefused(await overridden('/api/messages', query, token))
    expect(await server.payload.count({ collection: 'messages' })).toEqual(before)
  })

  // Payload takes either header: one saying PUT must not make the other's GET a write here.
  it.each(Object.entries(COMPLEXITY_QUERIES))('%s → 400 when only the second override header says GET', async (_name, query) => {
    const res = await cast.client.request('POST', '/api/messages/count', {
      token: cast.alice.token,
      raw: query,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-payload-http-method-override': 'PUT',
        'x-http-method-override': 'GET',
      },
    })
    expectRefused(res)
  })

  it.each(Object.entries(COMPLEXITY_QUERIES).filter(([, query]) => query.length < 6000))('%s → 400 by GET', async (_name, query) => {
    expectRefused(await get(`/api/messages?${query}`, cast.alice.token))
  })

  it('still takes the queries the chat makes', async () => {
    const { alice, bob } = cast
    const conversation =
      `where[or][0][and][0][sender][equals]=${alice.id}&where[or][0][and][1][receiver][equals]=${bob.id}` +
      `&where[or][1][and][0][sender][equals]=${bob.id}&where[or][1][and][1][receiver][equals]=${alice.id}` +
      `&where[id][less_than]=1000&sort=-id&limit=50&depth=1`
    const res = await get(`/api/messages?${conversation}`, alice.token)
    expect(res.status).toBe(200)
    expect(res.body.docs).toHaveLength(50)
    expect((await get('/api/users?limit=100&page=1&sort=name,id&depth=0', alice.token)).status).toBe(200)
  })
})

describe('JSON nesting', () => {
  it.each([
    ['a sign-up', 'POST', '/api/users'],
    ['a message', 'POST', '/api/messages'],
    ['a read marker', 'POST', '/api/messages/read'],
    ['a preference', 'POST', '/api/payload-preferences/nav'],
  ])('%s nested 30,000 deep → 400, and nothing is created', async (_name, method, path) => {
    const users = await server.payload.count({ collection: 'users' })
    const body = `{"name":"Deep","email":"deep@test.io","password":"password-123","receiver":${cast.bob.id},"content":"x","value":${deepJson(30_000)}}`
    expectRefused(await cast.client.request(method, path, { token: cast.alice.token, raw: body }), /nested too deeply/)
    expectRefused(await cast.client.request(method, path, { token: undefined, raw: body }), /nested too deeply/)
    expect(await server.payload.count({ collection: 'users' })).toEqual(users)
  })

  it('refuses a deep body whatever its content type (found by the fuzz test: preferences parse any body)', async () => {
    const res = await cast.client.request('POST', '/api/payload-preferences/nav', {
      token: cast.alice.token,
      raw: deepJson(20_000),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expectRefused(res, /nested too deeply/)
  })

  it('refuses a deep where given as JSON and a deep _payload in a multipart body', async () => {
    const where = encodeURIComponent(`{"or":[{"id":{"equals":1}}],"x":${deepJson(2000)}}`)
    expectRefused(await get(`/api/messages?where=${where}`, cast.alice.token), /nested too deeply/)
    const multipart = `--x\r\nContent-Disposition: form-data; name="_payload"\r\n\r\n{"receiver":${cast.bob.id},"content":${deepJson(5000)}}\r\n--x--\r\n`
    const res = await cast.client.request('POST', '/api/messages', {
      token: cast.alice.token,
      raw: multipart,
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
    })
    expectRefused(res, /nested too deeply/)
  })

  it('takes JSON nested as deep as the limit', async () => {
    const res = await cast.client.post('/api/payload-preferences/nav', { value: JSON.parse(deepJson(30)) }, cast.alice.token)
    expect(res.status).toBe(200)
  })
})
