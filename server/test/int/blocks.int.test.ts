// Blocks (#15): a member blocks another; neither can then DM the other (403, nothing stored, no
// change row); blocks are private to the blocker, admins included; room messages are unaffected.
import { expect, it } from 'vitest'

import { BLOCKED_MESSAGE } from '../../src/protocol'
import { generalRoomId } from '../../src/rooms/general-room'
import { latestChangeId } from '../helpers/feed'
import { type Actor, type Cast, send, useServerWithCast } from '../helpers/fixtures'
import type { TestServer } from '../helpers/http-server'

let server: TestServer
let cast: Cast
useServerWithCast((s, c) => ((server = s), (cast = c)))

const member = (name: string): Promise<Actor> => cast.client.signUp(name, `${name.toLowerCase()}@test.io`)

async function block(by: Actor, whom: Actor): Promise<number> {
  const res = await cast.client.post('/api/blocks', { blocked: whom.id }, by.token)
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body.doc.id
}

const dm = (from: Actor, to: Actor, content: string) => cast.client.post('/api/messages', { receiver: to.id, content }, from.token)

const messagesWith = async (content: string) =>
  (await server.payload.find({ collection: 'messages', where: { content: { equals: content } }, overrideAccess: true })).totalDocs

it('refuses a DM both ways once either blocked the other: 403, nothing stored, no change row', async () => {
  const [vera, walt] = [await member('Vera'), await member('Walt')]
  const earlier = await send(server.url, walt, vera, 'before the block')
  const blockId = await block(vera, walt)

  const changesBefore = await latestChangeId(server.payload)
  for (const [from, to] of [
    [walt, vera],
    [vera, walt],
  ]) {
    const res = await dm(from, to, `blocked ${from.id}`)
    expect(res.status).toBe(403)
    // One error, these words (its `data` is what keeps them in the production build's answer).
    expect(res.body.errors).toEqual([expect.objectContaining({ message: BLOCKED_MESSAGE })])
    expect(await messagesWith(`blocked ${from.id}`)).toBe(0)
  }
  expect(await latestChangeId(server.payload)).toBe(changesBefore)

  // Editing a DM sent before the block stays allowed; others' DMs are unaffected.
  expect((await cast.client.patch(`/api/messages/${earlier.id}`, { content: 'edited after' }, walt.token)).status).toBe(200)
  expect((await dm(walt, cast.alice, 'to someone else')).status).toBe(201)

  // Unblocking lets them write again.
  expect((await cast.client.del(`/api/blocks/${blockId}`, vera.token)).status).toBe(200)
  expect((await dm(walt, vera, 'after unblocking')).status).toBe(201)
  expect((await dm(vera, walt, 'and back')).status).toBe(201)
})

it('leaves room messages alone', async () => {
  const [xena, yuri] = [await member('Xena'), await member('Yuri')]
  await block(xena, yuri)
  const general = await generalRoomId(server.payload)
  expect((await cast.client.post('/api/messages', { room: general, content: 'in the room' }, yuri.token)).status).toBe(201)
})

it('lists only your own blocks, with whom as {id, name}; nobody else reads or lifts them', async () => {
  const [zoe, abe] = [await member('Zoe'), await member('Abe')]
  const zoesBlock = await block(zoe, abe)
  await block(abe, cast.carol)

  const mine = await cast.client.get('/api/blocks?depth=1', zoe.token)
  expect(mine.status).toBe(200)
  expect(mine.body.docs.map((doc: any) => [doc.id, doc.blocked.id, doc.blocked.name])).toEqual([[zoesBlock, abe.id, 'Abe']])
  // Nothing private of the blocked person comes with it.
  expect(Object.keys(mine.body.docs[0].blocked).sort()).toEqual(['collection', 'id', 'name'])

  // Not the blocked person, not another member, not an admin.
  for (const other of [abe, cast.bob, cast.admin]) {
    const list = await cast.client.get('/api/blocks?limit=100', other.token)
    expect(list.body.docs.map((doc: any) => doc.id)).not.toContain(zoesBlock)
    expect((await cast.client.get(`/api/blocks/${zoesBlock}`, other.token)).status).toBe(404)
    // Payload's delete answers 403 for a document the caller's access excludes, as for messages.
    expect((await cast.client.del(`/api/blocks/${zoesBlock}`, other.token)).status).toBe(403)
    const filtered = await cast.client.get(`/api/blocks?where[blocked][equals]=${abe.id}`, other.token)
    expect(filtered.body.docs).toEqual([])
  }
  expect((await cast.client.patch(`/api/blocks/${zoesBlock}`, { blocked: cast.bob.id }, zoe.token)).status).toBe(403)
  expect((await cast.client.get('/api/blocks', undefined)).status).toBe(401)
  expect((await server.payload.findByID({ collection: 'blocks', id: zoesBlock, depth: 0, overrideAccess: true })).blocked).toBe(abe.id)
})

it('refuses a bad block with a clear 400, and a second block of the same person with 409', async () => {
  const [ben, cleo] = [await member('Ben'), await member('Cleo')]
  const cases: Array<[unknown, RegExp]> = [
    [{}, /"blocked" is required/],
    [{ blocked: null }, /"blocked" is required/],
    [{ blocked: 'abc' }, /"blocked" must be a user id/],
    [{ blocked: [cleo.id] }, /"blocked" must be a user id/],
    [{ blocked: ben.id }, /You cannot block yourself/],
    [{ blocked: 999999 }, /No user with id 999999 exists/],
    [{ blocked: cleo.id, blocker: cleo.id }, /"blocker" is set by the server/],
    [{ blocked: cleo.id, blocker: ben.id }, /"blocker" is set by the server/],
  ]
  for (const [body, message] of cases) {
    const res = await cast.client.post('/api/blocks', body, ben.token)
    expect(res.status, JSON.stringify(body)).toBe(400)
    const said = res.body.errors.flatMap((e: any) => [e.message, ...(e.data?.errors ?? []).map((f: any) => f.message)])
    expect(said.join(' | '), JSON.stringify(body)).toMatch(message)
  }
  expect((await cast.client.get('/api/blocks', ben.token)).body.docs).toEqual([])

  await block(ben, cleo)
  const again = await cast.client.post('/api/blocks', { blocked: cleo.id }, ben.token)
  expect(again.status).toBe(409)
  expect(again.body).toEqual({ errors: [{ message: 'You have already blocked this person.' }] })
  // Two at once: one is created, the other is the same 409 (the unique index, not a 500).
  const dana = await member('Dana')
  const racing = await Promise.all([1, 2].map(() => cast.client.post('/api/blocks', { blocked: dana.id }, ben.token)))
  expect(racing.map((res) => res.status).sort()).toEqual([201, 409])
  expect((await cast.client.get('/api/blocks', ben.token)).body.totalDocs).toBe(2)
})

it("deletes a user's blocks, made by them and of them, with the user", async () => {
  const [eve, finn, gus] = [await member('Eve'), await member('Finn'), await member('Gus')]
  const gone = [await block(eve, finn), await block(gus, eve)]
  const kept = await block(finn, gus)
  expect((await cast.client.del(`/api/users/${eve.id}`, cast.admin.token)).status).toBe(200)
  const { docs } = await server.payload.find({ collection: 'blocks', limit: 100, overrideAccess: true, depth: 0 })
  const ids = docs.map((doc) => doc.id)
  expect(ids).toContain(kept)
  for (const id of gone) expect(ids).not.toContain(id)
})

it('refuses typing notices both ways once either blocked the other, and allows them after unblocking', async () => {
  const [cyd, dina] = [await member('Cyd'), await member('Dina')]
  const typing = (from: Actor, to: Actor) => cast.client.post('/api/typing', { receiver: to.id }, from.token)
  const blockId = await block(cyd, dina)
  for (const [from, to] of [
    [dina, cyd],
    [cyd, dina],
  ]) {
    const res = await typing(from, to)
    expect([res.status, res.body.errors]).toEqual([403, [expect.objectContaining({ message: BLOCKED_MESSAGE })]])
  }
  expect((await cast.client.del(`/api/blocks/${blockId}`, cyd.token)).status).toBe(200)
  expect((await typing(dina, cyd)).status).toBe(204)
})
