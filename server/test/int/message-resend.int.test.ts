// Sending is safe to retry: a message carries the sender's key (`clientId`), and a second send
// with the same key (its first answer was lost) is refused with 409 naming the stored message.
import { expect, it } from 'vitest'

import { type Cast, useServerWithCast } from '../helpers/fixtures'
import type { TestServer } from '../helpers/http-server'

let server: TestServer
let cast: Cast
useServerWithCast((s, c) => ((server = s), (cast = c)))

const KEY = '3f0c2a9e-7b1d-4c55-9a1e-0d6f2b8c4e11'

async function count(content: string) {
  const { totalDocs } = await server.payload.count({ collection: 'messages', where: { content: { equals: content } } })
  return totalDocs
}

it('stores a message once however often its send is retried', async () => {
  const first = await cast.client.post('/api/messages?depth=0', { receiver: cast.bob.id, content: 'once', clientId: KEY }, cast.alice.token)
  expect(first.status).toBe(201)
  expect(first.body.doc.clientId).toBe(KEY)
  for (let i = 0; i < 2; i++) {
    const again = await cast.client.post('/api/messages', { receiver: cast.bob.id, content: 'once', clientId: KEY }, cast.alice.token)
    expect(again.status).toBe(409)
    expect(again.body.errors[0].message).toMatch(/already/i)
    expect(again.body.errors[0].data).toEqual({ id: first.body.doc.id })
  }
  expect(await count('once')).toBe(1)
})

it("scopes the key to its sender: another user's key never blocks or reveals anything", async () => {
  const key = 'shared-key-0001'
  expect((await cast.client.post('/api/messages', { receiver: cast.bob.id, content: 'from alice', clientId: key }, cast.alice.token)).status).toBe(201)
  const carol = await cast.client.post('/api/messages?depth=0', { receiver: cast.bob.id, content: 'from carol', clientId: key }, cast.carol.token)
  expect(carol.status).toBe(201)
  expect(carol.body.doc.sender).toBe(cast.carol.id)
})

it('sends without a key as before, and refuses a malformed key with 400', async () => {
  expect((await cast.client.post('/api/messages', { receiver: cast.bob.id, content: 'no key' }, cast.alice.token)).status).toBe(201)
  expect((await cast.client.post('/api/messages', { receiver: cast.bob.id, content: 'no key' }, cast.alice.token)).status).toBe(201)
  for (const clientId of ['short', 'x'.repeat(65), 'has space in it', 42, { a: 1 }]) {
    const res = await cast.client.post('/api/messages', { receiver: cast.bob.id, content: 'bad key', clientId }, cast.alice.token)
    expect(res.status, JSON.stringify(clientId)).toBe(400)
  }
  expect(await count('bad key')).toBe(0)
})

it('keeps the key when a moderator edits the message', async () => {
  const sent = await cast.client.post('/api/messages?depth=0', { receiver: cast.bob.id, content: 'to edit', clientId: 'edit-key-0001' }, cast.alice.token)
  const edited = await cast.client.patch(`/api/messages/${sent.body.doc.id}?depth=0`, { content: 'edited', clientId: 'other-key-0001' }, cast.admin.token)
  expect(edited.status).toBe(200)
  expect(edited.body.doc.clientId).toBe('edit-key-0001')
})

it("answers a resend with that message's own id, whatever else was stored before and after it", async () => {
  const key = 'own-id-key-0001'
  // Stored first: the sender's other messages, keyed and not.
  await cast.client.post('/api/messages', { receiver: cast.bob.id, content: 'earlier, no key' }, cast.alice.token)
  await cast.client.post('/api/messages', { receiver: cast.bob.id, content: 'earlier, other key', clientId: 'own-id-key-0002' }, cast.alice.token)
  const sent = await cast.client.post('/api/messages?depth=0', { receiver: cast.bob.id, content: 'mine', clientId: key }, cast.alice.token)
  expect(sent.status).toBe(201)
  // Stored after (the first answer was lost; writing went on before the retry): the sender's
  // other messages and another sender's message with the same key.
  await cast.client.post('/api/messages', { receiver: cast.bob.id, content: 'carol, same key', clientId: key }, cast.carol.token)
  await cast.client.post('/api/messages', { receiver: cast.bob.id, content: 'later, other key', clientId: 'own-id-key-0003' }, cast.alice.token)
  const again = await cast.client.post('/api/messages', { receiver: cast.bob.id, content: 'mine', clientId: key }, cast.alice.token)
  expect([again.status, again.body.errors[0].data]).toEqual([409, { id: sent.body.doc.id }])
})

it('answers a resend that is invalid for another reason with that reason, not 409', async () => {
  const key = 'invalid-resend-0001'
  expect((await cast.client.post('/api/messages', { receiver: cast.bob.id, content: 'valid', clientId: key }, cast.alice.token)).status).toBe(201)
  const res = await cast.client.post('/api/messages', { receiver: 999_999, content: 'valid', clientId: key }, cast.alice.token)
  expect(res.status).toBe(400)
  expect(JSON.stringify(res.body.errors)).not.toMatch(/already/i)
})
