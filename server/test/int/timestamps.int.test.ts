// Every date a document carries is the server's: a body that sets createdAt, updatedAt (or a
// message's timestamp or editedAt, or any date field) to another value is refused with a 400 and
// changes nothing; sending back the stored value is accepted. On every collection, ours and
// Payload's, found by walking the running config. And the order clients see is the feed's.
import { afterAll, describe, expect, it } from 'vitest'

import { type Cast, send, useServerWithCast } from '../helpers/fixtures'
import type { TestServer } from '../helpers/http-server'
import { openStream, parseData, type SseConnection } from '../helpers/sse-client'

let server: TestServer
let cast: Cast
useServerWithCast((s, c) => ((server = s), (cast = c)))

const FUTURE = '2099-01-01T00:00:00.000Z'
const PAST = '2000-01-01T00:00:00.000Z'
const stored = (collection: 'messages' | 'users', id: number) =>
  server.payload.findByID({ collection, id, depth: 0, overrideAccess: true }) as Promise<Record<string, any>>

function expectRefused(res: { status: number; body: any }, field: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(400)
  expect(res.body.errors[0].message).toContain(`"${field}"`)
  expect(res.body.errors[0].message).toMatch(/set by the server/)
}

describe('messages', () => {
  it.each([['updatedAt', FUTURE], ['createdAt', PAST], ['timestamp', PAST], ['editedAt', FUTURE]])(
    'a send naming %s is refused and stores nothing',
    async (field, value) => {
      const before = await server.payload.count({ collection: 'messages' })
      expectRefused(await cast.client.post('/api/messages', { receiver: cast.bob.id, content: 'hi', [field]: value }, cast.alice.token), field)
      expect(await server.payload.count({ collection: 'messages' })).toEqual(before)
    },
  )

  it('an edit naming a new updatedAt or createdAt is refused and changes nothing; the stored values round-trip', async () => {
    const message = await send(server.url, cast.alice, cast.bob, 'original')
    const original = await stored('messages', message.id)
    for (const [field, value] of [['updatedAt', FUTURE], ['createdAt', PAST]]) {
      expectRefused(await cast.client.patch(`/api/messages/${message.id}`, { content: 'changed', [field]: value }, cast.alice.token), field)
    }
    expect(await stored('messages', message.id)).toEqual(original)

    // What the admin panel's form sends back: the stored dates, unchanged. The server moves updatedAt.
    const body = { content: 'changed', createdAt: original.createdAt, updatedAt: original.updatedAt, timestamp: original.timestamp }
    const res = await cast.client.patch(`/api/messages/${message.id}`, body, cast.alice.token)
    expect(res.status).toBe(200)
    const after = await stored('messages', message.id)
    expect(after).toMatchObject({ content: 'changed', createdAt: original.createdAt, timestamp: original.timestamp })
    expect(Date.parse(after.updatedAt)).toBeGreaterThanOrEqual(Date.parse(original.updatedAt))
    expect(Date.parse(after.updatedAt)).toBeLessThanOrEqual(Date.now())
  })
})

describe('users and read markers', () => {
  it('a sign-up or a self-update naming a date is refused', async () => {
    const signUp = { name: 'Eve', email: 'eve@test.io', password: 'password-123', createdAt: PAST }
    expectRefused(await cast.client.post('/api/users', signUp), 'createdAt')
    expect((await server.payload.find({ collection: 'users', where: { email: { equals: 'eve@test.io' } } })).totalDocs).toBe(0)
    const before = await stored('users', cast.carol.id)
    expectRefused(await cast.client.patch(`/api/users/${cast.carol.id}`, { name: 'Caro', updatedAt: FUTURE }, cast.carol.token), 'updatedAt')
    expect(await stored('users', cast.carol.id)).toEqual(before)
  })

  it('an admin creating a read marker cannot date it either', async () => {
    const marker = { user: cast.bob.id, peer: cast.carol.id, lastReadId: 1, updatedAt: FUTURE }
    expectRefused(await cast.client.post('/api/conversation-reads', marker, cast.admin.token), 'updatedAt')
  })
})

describe("others' documents", () => {
  // Were the stored value compared before access, a right guess would pass on to a 403/404 and a
  // wrong one stop at 400: an oracle for dates the caller cannot read (others' updatedAt).
  it("a member naming the exact stored date of a document they may not update gets the wrong guess's answer", async () => {
    const message = await send(server.url, cast.alice, cast.bob, 'not yours')
    const targets = [
      { path: `/api/messages/${message.id}`, body: { content: 'x' }, stored: await stored('messages', message.id) },
      { path: `/api/users/${cast.admin.id}`, body: { name: 'x' }, stored: await stored('users', cast.admin.id) },
    ]
    for (const { path, body, stored: original } of targets) {
      const right = await cast.client.patch(path, { ...body, updatedAt: original.updatedAt }, cast.carol.token)
      const wrong = await cast.client.patch(path, { ...body, updatedAt: FUTURE }, cast.carol.token)
      expectRefused(wrong, 'updatedAt')
      expect({ status: right.status, body: right.body }, path).toEqual({ status: wrong.status, body: wrong.body })
    }
    expect(await stored('messages', message.id)).toEqual(targets[0].stored)
    expect(await stored('users', cast.admin.id)).toEqual(targets[1].stored)
  })
})

describe('every collection of the running config', () => {
  it('refuses a create that names createdAt or updatedAt (before any other check)', async () => {
    const answers: Record<string, number> = {}
    for (const collection of server.payload.config.collections) {
      if (!collection.timestamps) continue
      const res = await cast.client.post(`/api/${collection.slug}`, { createdAt: PAST, updatedAt: FUTURE }, cast.admin.token)
      answers[collection.slug] = res.status
    }
    // payload-migrations has no REST endpoints at all (405).
    const expected = Object.fromEntries(Object.keys(answers).map((slug) => [slug, slug === 'payload-migrations' ? 405 : 400]))
    expect(answers).toEqual(expected)
  })
})

describe('the order clients see', () => {
  const streams: SseConnection[] = []
  afterAll(() => streams.forEach((s) => s.close()))

  it('a moderator edit after a refused forged date reaches an open window, after the send, in feed order', async () => {
    const bob = await openStream(server.url, { token: cast.bob.token })
    streams.push(bob)
    await bob.ready()
    const message = await send(server.url, cast.alice, cast.bob, 'mine')
    // Delivered before the edit: an event shows its message as it is when the poller reads it.
    await bob.waitFor((all) => all.some((e) => e.event === 'message.created' && parseData(e).id === message.id))
    expect((await cast.client.patch(`/api/messages/${message.id}`, { content: 'mine', updatedAt: FUTURE }, cast.alice.token)).status).toBe(400)
    expect((await cast.client.patch(`/api/messages/${message.id}`, { content: '[moderated]' }, cast.admin.token)).status).toBe(200)
    const events = await bob.waitFor((all) => all.some((e) => e.event === 'message.updated' && parseData(e).id === message.id))
    const mine = events.filter((e) => e.event.startsWith('message.') && parseData(e).id === message.id)
    expect(mine.map((e) => [e.event, parseData(e).content])).toEqual([
      ['message.created', 'mine'],
      ['message.updated', '[moderated]'],
    ])
    expect(Number(mine[1].id)).toBeGreaterThan(Number(mine[0].id))
    expect(Date.parse(parseData(mine[1]).updatedAt)).toBeLessThanOrEqual(Date.now())
  })
})
