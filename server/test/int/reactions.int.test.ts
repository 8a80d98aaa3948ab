// Reactions (issue #17) over REST: POST /api/messages/:id/reactions toggles the caller's emoji on a
// message they may read; every message REST returns carries its reactions.
import { describe, expect, it, vi } from 'vitest'

vi.hoisted(() => {
  // Low enough for one test to reach it, high enough for the 21 toggles of the 409 test.
  Object.assign(process.env, { REACTIONS_PER_10S: '25' })
})

import { toggleReaction } from '../../src/db'
import { BLOCKED_MESSAGE, MAX_REACTION_EMOJI, reactionsPath } from '../../src/protocol'
import { type Actor, type Cast, send, useServerWithCast } from '../helpers/fixtures'
import type { TestServer } from '../helpers/http-server'
import { countQueries } from '../helpers/query-count'
import { createRoom, postInRoom } from '../helpers/rooms'

let server: TestServer
let cast: Cast
useServerWithCast((s, c) => ((server = s), (cast = c)))

const member = (name: string): Promise<Actor> => cast.client.signUp(name, `${name.toLowerCase()}@test.io`)
const react = (by: Actor | undefined, messageId: number | string, body: unknown = { emoji: '👍' }) =>
  cast.client.request('POST', reactionsPath(messageId as number), { token: by?.token, body })
const rows = async (messageId: number) =>
  (await server.payload.find({ collection: 'reactions', where: { message: { equals: messageId } }, overrideAccess: true, limit: 100 })).totalDocs

// Twenty distinct emoji, then one more.
const EMOJI = ['😀', '😂', '😍', '😎', '😢', '😡', '👍', '👎', '👏', '🙏', '🔥', '🎉', '❤️', '💯', '🤔', '👀', '✅', '❌', '🚀', '🍕', '🌈']

describe('toggling', () => {
  it('adds, then removes, the caller\'s reaction; the message lists emoji by first use, users by reaction', async () => {
    const { alice, bob, client } = cast
    const msg = await send(server.url, alice, bob, 'react to me')
    const first = await react(bob, msg.id, { emoji: '👍🏽' })
    expect(first.status).toBe(200)
    expect(first.body).toEqual({ message: msg.id, reacted: true, reactions: [{ emoji: '👍🏽', users: [bob.id] }] })
    await react(alice, msg.id, { emoji: '🎉' })
    const third = await react(alice, msg.id, { emoji: '👍🏽' })
    expect(third.body.reactions).toEqual([
      { emoji: '👍🏽', users: [bob.id, alice.id] },
      { emoji: '🎉', users: [alice.id] },
    ])
    const off = await react(bob, msg.id, { emoji: '👍🏽' })
    expect(off.body).toEqual({
      message: msg.id,
      reacted: false,
      // 👍🏽's first reaction now is Alice's, after her 🎉: the order is of the reactions that are there.
      reactions: [
        { emoji: '🎉', users: [alice.id] },
        { emoji: '👍🏽', users: [alice.id] },
      ],
    })
    // As every read returns it: by id, in a page, in the conversations list, the edit's answer.
    expect((await client.get(`/api/messages/${msg.id}`, bob.token)).body.reactions).toEqual(off.body.reactions)
    const page = await client.get(`/api/messages?where[id][equals]=${msg.id}`, alice.token)
    expect(page.body.docs[0].reactions).toEqual(off.body.reactions)
    const conversations = (await client.get('/api/messages/conversations', bob.token)).body.conversations
    expect(conversations.find((c: any) => c.user.id === alice.id).lastMessage.reactions).toEqual(off.body.reactions)
    const edited = await client.patch(`/api/messages/${msg.id}`, { content: 'react to me (edited)' }, alice.token)
    expect(edited.body.doc.reactions).toEqual(off.body.reactions)
    // A `select` gets what it names, and only that.
    const selected = await client.get(`/api/messages/${msg.id}?select[content]=true`, bob.token)
    expect(Object.keys(selected.body).sort()).toEqual(['content', 'id'])
    expect((await client.get(`/api/messages/${msg.id}?select[reactions]=true`, bob.token)).body.reactions).toEqual(off.body.reactions)
    expect(await rows(msg.id)).toBe(2)
    // Moderators list them in /admin; members only through the messages.
    expect((await client.get(`/api/reactions?where[message][equals]=${msg.id}`, cast.admin.token)).body.totalDocs).toBe(2)
    expect((await client.get(`/api/reactions?where[message][equals]=${msg.id}`, alice.token)).status).toBe(403)
    expect((await client.post('/api/reactions', { message: msg.id, user: alice.id, emoji: '😀' }, alice.token)).status).toBe(403)
  })

  it('two identical toggles racing each other make one reaction, and both answer it, never a 500', async () => {
    const { alice, bob } = cast
    const msg = await send(server.url, alice, bob, 'race')
    const answers = await Promise.all([react(bob, msg.id), react(bob, msg.id)])
    // Either both found nothing to remove and one insert won (both: reacted), or the second came
    // after the first had committed and removed it again: a toggle each, in order.
    const statuses = answers.map((a) => a.status)
    expect(statuses).toEqual([200, 200])
    const reacted = answers.map((a) => a.body.reacted).sort()
    expect([
      [true, true],
      [false, true],
    ]).toContainEqual(reacted)
    expect(await rows(msg.id)).toBe(reacted[0] ? 1 : 0)
    // The same, interleaved for certain: both removals find nothing before either insert runs (each
    // toggle waits before its insert until both are there; PostgreSQL runs them on two connections).
    const again = await send(server.url, alice, bob, 'race again')
    let arrived = 0
    let bothThere!: () => void
    const barrier = new Promise<void>((resolve) => (bothThere = resolve))
    const mayAdd = async () => {
      if (++arrived === 2) bothThere()
      await barrier
    }
    const toggle = () => toggleReaction(server.payload, { message: again.id, user: bob.id, emoji: '🔥', maxEmoji: MAX_REACTION_EMOJI, mayAdd })
    expect(await Promise.all([toggle(), toggle()])).toEqual(['added', 'added'])
    expect(await rows(again.id)).toBe(1)
  })

  it('in a room, any member may react', async () => {
    const { alice, bob, client } = cast
    const room = await createRoom(server.url, alice, 'Reactions room')
    await client.post(`/api/rooms/${room.id}/join`, {}, bob.token)
    const msg = await postInRoom(server.url, alice, room, 'room message')
    expect((await react(bob, msg.id)).body).toMatchObject({ reacted: true, reactions: [{ emoji: '👍', users: [bob.id] }] })
    // The sidebar's room list carries it on the room's last message.
    const rooms = (await client.get('/api/rooms', alice.token)).body.rooms
    expect(rooms.find((r: any) => r.id === room.id).lastMessage).toMatchObject({ id: msg.id, reactions: [{ emoji: '👍', users: [bob.id] }] })
  })
})

describe('refusals change nothing', () => {
  it('401 without a login', async () => {
    const msg = await send(server.url, cast.alice, cast.bob, 'anonymous')
    expect((await react(undefined, msg.id)).status).toBe(401)
    expect(await rows(msg.id)).toBe(0)
  })

  it('404 alike for a missing message and one the caller may not read; 400 for an id that is no id', async () => {
    const { alice, bob, carol } = cast
    const msg = await send(server.url, alice, bob, 'private')
    const unreadable = await react(carol, msg.id)
    const missing = await react(carol, 99999999)
    expect([unreadable.status, missing.status]).toEqual([404, 404])
    expect(unreadable.body).toEqual(missing.body)
    expect((await react(carol, 'abc')).status).toBe(400)
    expect(await rows(msg.id)).toBe(0)
  })

  it('404 for an admin outside the conversation, as for anyone who cannot read it: a DM, a room they are not in (now)', async () => {
    const { alice, bob, admin, client } = cast
    const dm = await send(server.url, alice, bob, 'between Alice and Bob')
    const room = await createRoom(server.url, alice, 'Not the admin\'s room')
    const inRoom = await postInRoom(server.url, alice, room, 'members only')
    const missing = await react(admin, 99999999)
    for (const id of [dm.id, inRoom.id]) {
      const res = await react(admin, id)
      expect(res.status).toBe(404)
      expect(res.body).toEqual(missing.body)
      expect(await rows(id)).toBe(0)
    }
    // A member who left the room is no longer in it either.
    await client.post(`/api/rooms/${room.id}/join`, {}, bob.token)
    expect((await react(bob, inRoom.id)).status).toBe(200)
    await client.post(`/api/rooms/${room.id}/leave`, {}, bob.token)
    expect((await react(bob, inRoom.id, { emoji: '🎉' })).status).toBe(404)
    expect(await rows(inRoom.id)).toBe(1)
  })

  it('400 for anything but exactly one emoji', async () => {
    const { alice, bob } = cast
    const msg = await send(server.url, alice, bob, 'emoji only')
    for (const body of [{}, { emoji: '' }, { emoji: 'ok' }, { emoji: '👍👍' }, { emoji: ' 👍' }, { emoji: '👍'.repeat(40) }, { emoji: 5 }, { emoji: null }, ['👍'], '👍']) {
      const res = await react(bob, msg.id, body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body.errors[0].message).toMatch(/emoji|JSON object/)
    }
    expect(await rows(msg.id)).toBe(0)
  })

  it(`409 for a new emoji beyond ${MAX_REACTION_EMOJI} distinct ones; one already there may still be added`, async () => {
    // Their own rate budgets (REACTIONS_PER_10S is 25 here).
    const [uma, vic] = [await member('Uma'), await member('Vic')]
    const msg = await send(server.url, uma, vic, 'full')
    for (const emoji of EMOJI.slice(0, MAX_REACTION_EMOJI)) expect((await react(vic, msg.id, { emoji })).status).toBe(200)
    const extra = await react(vic, msg.id, { emoji: EMOJI[MAX_REACTION_EMOJI] })
    expect(extra.status).toBe(409)
    expect(extra.body.errors[0].message).toContain(`${MAX_REACTION_EMOJI}`)
    expect((await react(uma, msg.id, { emoji: EMOJI[MAX_REACTION_EMOJI] })).status).toBe(409)
    expect((await react(uma, msg.id, { emoji: EMOJI[0] })).body.reacted).toBe(true)
    expect(await rows(msg.id)).toBe(MAX_REACTION_EMOJI + 1)
  })

  it('403 in a DM where either blocked the other, both ways, with the words a message gets', async () => {
    const [vera, walt] = [await member('Vera'), await member('Walt')]
    const msg = await send(server.url, walt, vera, 'before the block')
    expect((await cast.client.post('/api/blocks', { blocked: walt.id }, vera.token)).status).toBe(201)
    for (const by of [vera, walt]) {
      const res = await react(by, msg.id)
      expect(res.status).toBe(403)
      expect(res.body.errors[0].message).toBe(BLOCKED_MESSAGE)
    }
    expect(await rows(msg.id)).toBe(0)
  })

  it('after a block, each may still take back a reaction made before it (200, reacted: false)', async () => {
    const [wren, xia] = [await member('Wren'), await member('Xia')]
    const msg = await send(server.url, xia, wren, 'reacted to, then blocked')
    expect((await react(wren, msg.id)).body.reacted).toBe(true)
    expect((await cast.client.post('/api/blocks', { blocked: wren.id }, xia.token)).status).toBe(201)
    const takeBack = await react(wren, msg.id)
    expect(takeBack.status, JSON.stringify(takeBack.body)).toBe(200)
    expect(takeBack.body).toMatchObject({ reacted: false, reactions: [] })
    expect(await rows(msg.id)).toBe(0)
    // Adding it again is the refused part.
    expect((await react(wren, msg.id)).status).toBe(403)
    expect(await rows(msg.id)).toBe(0)
  })

  it('429 with Retry-After past REACTIONS_PER_10S toggles of one user', async () => {
    const [yan, zed] = [await member('Yan'), await member('Zed')]
    const msg = await send(server.url, yan, zed, 'tap tap tap')
    const statuses: number[] = []
    for (let i = 0; i < 26; i++) statuses.push((await react(zed, msg.id)).status)
    expect(statuses.slice(0, 25).every((s) => s === 200)).toBe(true)
    const limited = await react(zed, msg.id)
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    // Another user's budget is their own.
    expect((await react(yan, msg.id)).status).toBe(200)
  })
})

describe('batching', () => {
  it('reads the quotes and reactions of a page in one query, whatever the page size', async () => {
    const [pia, quin] = [await member('Pia'), await member('Quin')]
    let previous = await send(server.url, pia, quin, 'thread start')
    for (let i = 0; i < 12; i++) {
      const res = await cast.client.post('/api/messages', { receiver: quin.id, content: `reply ${i}`, replyTo: previous.id }, pia.token)
      expect(res.status).toBe(201)
      previous = res.body.doc
      expect((await react(quin, previous.id, { emoji: EMOJI[i % 5] })).status).toBe(200)
    }
    const queries = (limit: number) =>
      countQueries(server.payload, async () => {
        const page = await cast.client.get(`/api/messages?where[receiver][equals]=${quin.id}&sort=-id&limit=${limit}&depth=1`, pia.token)
        expect(page.body.docs).toHaveLength(limit)
        expect(page.body.docs.every((doc: any) => doc.replyQuote !== null && doc.reactions.length === 1)).toBe(true)
      }, (text) => /reactions|reply_to/i.test(text))
    const [small, large] = [await queries(3), await queries(12)]
    expect(small).toBeGreaterThan(0)
    expect(large).toBe(small)
  })
})
