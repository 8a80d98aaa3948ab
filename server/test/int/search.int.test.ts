// GET /api/messages/search over a real server: who finds what (never a hit from a conversation
// the caller is not in now), edits and deletions reflected, user input taken as words (never query
// syntax, never a 500), paging, ranking, snippets, and the index repaired at start.
import { beforeAll, describe, expect, it } from 'vitest'

import { messageSearchOf } from '../../src/db'
import { dialectOf, query, run, sql } from '../../src/db/sql'
import { type Actor, type Cast, send, useServerWithCast } from '../helpers/fixtures'
import type { TestServer } from '../helpers/http-server'
import { createRoom, postInRoom, type TestRoom } from '../helpers/rooms'

let server: TestServer
let cast: Cast
useServerWithCast((s, c) => ((server = s), (cast = c)))

const search = (actor: Actor | undefined, params: Record<string, string | number>) =>
  cast.client.get(`/api/messages/search?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))}`, actor?.token)

// The ids of the hits, in order (the search must answer 200).
async function hitIds(actor: Actor, params: Record<string, string | number>): Promise<number[]> {
  const res = await search(actor, params)
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  return res.body.docs.map((hit: { message: { id: number } }) => hit.message.id)
}

const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b)

const onPostgres = () => dialectOf(server.payload) === 'postgres'

// The index holds exactly the messages' text. SQLite: FTS5's own check of an external-content
// index against its table (SQLITE_CORRUPT_VTAB if not). PostgreSQL: every stored vector is the one
// the message's text gives now.
const indexMatchesMessages = async () => {
  if (!onPostgres()) {
    await run(server.payload, sql`INSERT INTO messages_fts (messages_fts, rank) VALUES ('integrity-check', 1)`)
    return true
  }
  const [row] = await query(server.payload, sql`SELECT COUNT(*) AS n FROM messages WHERE search_vector IS DISTINCT FROM message_search_document(content)`)
  return Number(row!.n) === 0
}

// What a database restored by a tool that left parts of the search out lacks. SQLite: the index's
// triggers (the index misses writes made meanwhile and keeps edited text). PostgreSQL: the
// generated column and its index (no search at all), there being no trigger to lose.
const loseSearchParts = async () => {
  const statements = onPostgres()
    ? [sql`DROP INDEX messages_search_vector_idx`, sql`ALTER TABLE messages DROP COLUMN search_vector`]
    : ['search_message_indexed', 'search_message_reindexed', 'search_message_unindexed'].map((name) => sql`DROP TRIGGER ${sql.identifier(name)}`)
  for (const statement of statements) await run(server.payload, statement)
}

// Alice owns "team" (Bob a member), the private "inner" (Carol a member) and Carol the public
// "lobby" (nobody else). "pineapple" is said in each of them and in two DMs.
let team: TestRoom
let inner: TestRoom
let lobby: TestRoom
const said: Record<string, number> = {}
beforeAll(async () => {
  const { client, alice, bob, carol } = cast
  team = await createRoom(server.url, alice, 'team')
  inner = await createRoom(server.url, alice, 'inner', 'private')
  lobby = await createRoom(server.url, carol, 'lobby')
  await client.post(`/api/rooms/${team.id}/members`, { user: bob.id }, alice.token)
  await client.post(`/api/rooms/${inner.id}/members`, { user: carol.id }, alice.token)
  said.dmAliceBob = (await send(server.url, alice, bob, 'pineapple in our DM')).id
  said.dmAliceCarol = (await send(server.url, alice, carol, 'pineapple between Alice and Carol')).id
  said.team = (await postInRoom(server.url, bob, team, 'pineapple for the team')).id
  said.inner = (await postInRoom(server.url, carol, inner, 'pineapple in the inner circle')).id
  said.lobby = (await postInRoom(server.url, carol, lobby, 'pineapple in the lobby')).id
})

describe('who finds what', () => {
  it('needs a login: 401', async () => {
    const res = await search(undefined, { q: 'pineapple' })
    expect(res.status).toBe(401)
    expect(res.body.errors[0].message).toBeTruthy()
  })

  it('finds only the DMs you take part in and the rooms you are a member of now', async () => {
    const { alice, bob, carol } = cast
    expect(sorted(await hitIds(bob, { q: 'pineapple' }))).toEqual(sorted([said.dmAliceBob, said.team]))
    expect(sorted(await hitIds(carol, { q: 'pineapple' }))).toEqual(sorted([said.dmAliceCarol, said.inner, said.lobby]))
    // Alice is in everything but the lobby (public, and she never joined).
    expect(sorted(await hitIds(alice, { q: 'pineapple' }))).toEqual(sorted([said.dmAliceBob, said.dmAliceCarol, said.team, said.inner]))
  })

  it('pages count only what you may read: no empty page, no next page that is not yours', async () => {
    const { bob } = cast
    const pages = []
    for (const page of [1, 2]) pages.push((await search(bob, { q: 'pineapple', limit: 1, page })).body)
    expect(pages.map((p) => [p.docs.length, p.hasNextPage])).toEqual([
      [1, true],
      [1, false],
    ])
  })

  it('admins search their own conversations, not everyone’s', async () => {
    expect(await hitIds(cast.admin, { q: 'pineapple' })).toEqual([])
  })

  it('a member who leaves a room finds nothing of it any more, their own messages included', async () => {
    const { client, alice, bob } = cast
    const room = await createRoom(server.url, alice, 'leavers')
    await client.post(`/api/rooms/${room.id}/join`, {}, bob.token)
    const own = await postInRoom(server.url, bob, room, 'quokka from Bob')
    const other = await postInRoom(server.url, alice, room, 'quokka from Alice')
    expect(sorted(await hitIds(bob, { q: 'quokka' }))).toEqual(sorted([own.id, other.id]))
    expect((await client.post(`/api/rooms/${room.id}/leave`, {}, bob.token)).status).toBe(200)
    expect(await hitIds(bob, { q: 'quokka' })).toEqual([])
    // Not found by the search itself (each hit's read-back would also hide it, but not the paging).
    expect((await search(bob, { q: 'quokka', limit: 1 })).body).toEqual({ docs: [], page: 1, hasNextPage: false })
    expect((await search(bob, { q: 'quokka', room: room.id })).status).toBe(403)
    // Joining again gives the room's history back, as reading it does.
    await client.post(`/api/rooms/${room.id}/join`, {}, bob.token)
    expect(sorted(await hitIds(bob, { q: 'quokka' }))).toEqual(sorted([own.id, other.id]))
  })

  it('limits a search to one DM (peer) or one room you are in', async () => {
    const { alice, bob, carol } = cast
    expect(await hitIds(alice, { q: 'pineapple', peer: bob.id })).toEqual([said.dmAliceBob])
    expect(await hitIds(bob, { q: 'pineapple', peer: alice.id })).toEqual([said.dmAliceBob])
    expect(await hitIds(bob, { q: 'pineapple', peer: carol.id })).toEqual([])
    expect(await hitIds(alice, { q: 'pineapple', room: inner.id })).toEqual([said.inner])
    expect(await hitIds(bob, { q: 'pineapple', room: team.id })).toEqual([said.team])
  })

  it('a room you may not see is a 404 like a missing one; a public room you are not in, a 403', async () => {
    const { bob } = cast
    const hidden = await search(bob, { q: 'pineapple', room: inner.id })
    const missing = await search(bob, { q: 'pineapple', room: 987654 })
    expect([hidden.status, missing.status]).toEqual([404, 404])
    expect(hidden.body.errors[0].message).toBe(`No room with id ${inner.id} exists.`)
    expect(missing.body.errors[0].message).toBe('No room with id 987654 exists.')
    const outside = await search(bob, { q: 'pineapple', room: lobby.id })
    expect(outside.status).toBe(403)
    expect(outside.body.errors[0].message).toMatch(/members/)
    const nobody = await search(bob, { q: 'pineapple', peer: 987654 })
    expect(nobody.status).toBe(404)
  })
})

describe('kept current', () => {
  it('edits and deletions are reflected at once, a moderator’s too', async () => {
    const { client, alice, bob, admin } = cast
    const msg = await send(server.url, alice, bob, 'the kiwi is ripe')
    expect(await hitIds(bob, { q: 'kiwi' })).toEqual([msg.id])
    expect((await client.patch(`/api/messages/${msg.id}`, { content: 'the mango is ripe' }, alice.token)).status).toBe(200)
    expect(await hitIds(bob, { q: 'kiwi' })).toEqual([])
    expect(await hitIds(bob, { q: 'mango' })).toEqual([msg.id])
    expect((await client.patch(`/api/messages/${msg.id}`, { content: 'the papaya is ripe' }, admin.token)).status).toBe(200)
    expect(await hitIds(bob, { q: 'mango' })).toEqual([])
    const [hit] = (await search(bob, { q: 'papaya' })).body.docs
    expect(hit.message).toMatchObject({ id: msg.id, content: 'the papaya is ripe', editedByModerator: true })
    expect((await client.del(`/api/messages/${msg.id}`, alice.token)).status).toBe(200)
    expect(await hitIds(bob, { q: 'papaya ripe' })).toEqual([])
    // The index holds exactly the messages' text: nothing left of the edits or the deleted row
    // (FTS5 compares every entry with the messages table, and fails on any difference).
    await expect(indexMatchesMessages()).resolves.toBe(true)
  })

  it('a start repairs a search whose parts were lost, writes made meanwhile included', async () => {
    const { alice, bob } = cast
    await loseSearchParts()
    const unseen = await send(server.url, alice, bob, 'a narwhal passed by')
    const edited = await send(server.url, alice, bob, 'an okapi passed by')
    await cast.client.patch(`/api/messages/${edited.id}`, { content: 'a tapir passed by' }, alice.token)
    // SQLite's index misses it meanwhile (PostgreSQL has no search at all until the start).
    if (!onPostgres()) expect(await hitIds(bob, { q: 'narwhal' })).toEqual([])
    await messageSearchOf(server.payload).install()
    expect(await hitIds(bob, { q: 'narwhal' })).toEqual([unseen.id])
    expect(await hitIds(bob, { q: 'okapi' })).toEqual([])
    expect(await hitIds(bob, { q: 'tapir' })).toEqual([edited.id])
    await expect(indexMatchesMessages()).resolves.toBe(true)
  })

  it('indexes what any writer stores: an insert, an edit and a delete by SQL (a script, another process)', async () => {
    const { alice, bob } = cast
    const now = new Date().toISOString()
    const [row] = await query(
      server.payload,
      sql`INSERT INTO messages (sender_id, receiver_id, content, timestamp, updated_at, created_at) VALUES (${alice.id}, ${bob.id}, 'a wombat by SQL', ${now}, ${now}, ${now}) RETURNING id`,
    )
    const id = Number(row!.id)
    expect(await hitIds(bob, { q: 'wombat' })).toEqual([id])
    await run(server.payload, sql`UPDATE messages SET content = 'a dingo by SQL' WHERE id = ${id}`)
    expect(await hitIds(bob, { q: 'wombat' })).toEqual([])
    expect(await hitIds(bob, { q: 'dingo' })).toEqual([id])
    await run(server.payload, sql`DELETE FROM messages WHERE id = ${id}`)
    expect(await hitIds(bob, { q: 'dingo' })).toEqual([])
    await expect(indexMatchesMessages()).resolves.toBe(true)
  })
})

describe('words, not syntax', () => {
  let quoted: number
  let accents: number
  let emoji: number
  let tsquery: number
  beforeAll(async () => {
    const { alice, bob } = cast
    quoted = (await send(server.url, alice, bob, 'He said "OR" NEAR the -end* of (col:val) ^start')).id
    accents = (await send(server.url, alice, bob, 'Un café crème à Zürich')).id
    emoji = (await send(server.url, alice, bob, 'thanks 👍 for the ZEBRA-crossing')).id
    tsquery = (await send(server.url, alice, bob, "Plan a, then b, then cats: it's <b>Tom & Jerry</b> at ÉCOLE ΑΘΗΝΑ")).id
  })

  // PostgreSQL's tsquery has its own syntax (& | ! <-> :* quotes, backslashes): typed, it is text.
  it('takes tsquery operators as words too, and a typed prefix with them', async () => {
    const { bob } = cast
    for (const q of ['a & !b | c:*', "it's", "'it'", "''b", 'x:*', '!!b', 'a|b', 'b<->c', '<-> then', "b\\'", 'a:A', 'then:*b']) {
      const res = await search(bob, { q })
      expect(res.status, `${q}: ${JSON.stringify(res.body)}`).toBe(200)
    }
    // Every word of it must match: a, b, and a word beginning with c.
    expect(await hitIds(bob, { q: 'a & !b | c:*' })).toEqual([tsquery])
    expect(await hitIds(bob, { q: "it's tom&jerry" })).toEqual([tsquery])
    expect(await hitIds(bob, { q: 'then:* b' })).toEqual([tsquery])
    expect(await hitIds(bob, { q: 'a & !b | zzz:*' })).toEqual([])
    // A hyphenated word being typed: its last part is the prefix.
    expect(await hitIds(bob, { q: 'zebra-cro' })).toEqual([emoji])
    // Uppercase beyond ASCII folds too, whatever the database's locale.
    expect(await hitIds(bob, { q: 'ecole αθηνα ' })).toEqual([tsquery])
  })

  it('gives the text back as stored: no markup escaped or added, the match marked', async () => {
    const { bob } = cast
    const [hit] = (await search(bob, { q: 'jerry ' })).body.docs
    expect(hit.snippet).toEqual([
      { text: "Plan a, then b, then cats: it's <b>Tom & ", match: false },
      { text: 'Jerry', match: true },
      { text: '</b> at ÉCOLE ΑΘΗΝΑ', match: false },
    ])
  })

  it('takes operators, quotes and stars as words, never as query syntax and never a 500', async () => {
    const { bob } = cast
    for (const q of ['"OR"', 'OR', 'NEAR(', 'NEAR(x y)', '-end', 'end*', '"unbalanced', 'col:val', 'content:said', '^start', 'AND OR NOT', 'a*b', '(said', '{said}', "said'", '\\said', 'said NOT']) {
      const res = await search(bob, { q })
      expect(res.status, `${q}: ${JSON.stringify(res.body)}`).toBe(200)
    }
    expect(await hitIds(bob, { q: '"OR" near' })).toEqual([quoted])
    expect(await hitIds(bob, { q: 'NEAR(the end)' })).toEqual([quoted])
    expect(await hitIds(bob, { q: 'content:said' })).toEqual([])
    expect(await hitIds(bob, { q: 'col:val' })).toEqual([quoted])
    // "NOT" is a word like any other: no message has it with "said", so nothing is excluded, nothing found.
    expect(await hitIds(bob, { q: 'said NOT' })).toEqual([])
  })

  it('matches without regard to case or accents, and the last word as a prefix', async () => {
    const { bob } = cast
    expect(await hitIds(bob, { q: 'CAFE creme zurich' })).toEqual([accents])
    expect(await hitIds(bob, { q: 'crè' })).toEqual([accents])
    expect(await hitIds(bob, { q: 'zurich caf' })).toEqual([accents])
    // Only the last word is a prefix.
    expect(await hitIds(bob, { q: 'zür café' })).toEqual([])
    // A finished word (a space after it) is matched whole.
    expect(await hitIds(bob, { q: 'crè ' })).toEqual([])
    expect(await hitIds(bob, { q: 'cre crème' })).toEqual([])
  })

  it('emoji and punctuation separate words; a search of emoji alone is a 400 that says why', async () => {
    const { bob } = cast
    expect(await hitIds(bob, { q: 'thanks 👍' })).toEqual([emoji])
    expect(await hitIds(bob, { q: 'zebra crossing' })).toEqual([emoji])
    const only = await search(bob, { q: '👍👍' })
    expect(only.status).toBe(400)
    expect(only.body.errors[0].message).toMatch(/letters or digits/)
  })
})

describe('answers', () => {
  it('gives each hit as REST gives the message, with a snippet whose matches are marked', async () => {
    const { alice, bob } = cast
    const long = `${'filler '.repeat(40)}the axolotl smiled ${'tail '.repeat(40)}`.trim()
    const msg = await postInRoom(server.url, alice, team, long)
    const res = await search(bob, { q: 'axolotl' })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ page: 1, hasNextPage: false })
    const [hit] = res.body.docs
    const rest = (await cast.client.get(`/api/messages/${msg.id}?depth=1`, bob.token)).body
    expect(hit.message).toEqual(rest)
    expect(hit.message).toMatchObject({ id: msg.id, sender: { id: alice.id, name: 'Alice' }, room: { id: team.id, name: 'team' }, receiver: null })
    // Around the match, cut with an ellipsis; the parts spell the snippet.
    expect(hit.snippet.filter((part: { match: boolean }) => part.match)).toEqual([{ text: 'axolotl', match: true }])
    const text = hit.snippet.map((part: { text: string }) => part.text).join('')
    expect(text).toMatch(/^….*the axolotl smiled.*…$/)
    expect(text.length).toBeLessThan(long.length)
    // A prefix match marks the whole word.
    const prefixed = (await search(bob, { q: 'axolo' })).body.docs[0]
    expect(prefixed.snippet.filter((part: { match: boolean }) => part.match)).toEqual([{ text: 'axolotl', match: true }])
  })

  it('pages through every hit once, newest first among equals', async () => {
    const { alice, bob } = cast
    const ids: number[] = []
    for (let i = 0; i < 25; i++) ids.push((await send(server.url, alice, bob, 'walrus')).id)
    const pages = []
    for (const page of [1, 2, 3]) pages.push((await search(bob, { q: 'walrus', limit: 10, page })).body)
    expect(pages.map((p) => [p.page, p.docs.length, p.hasNextPage])).toEqual([
      [1, 10, true],
      [2, 10, true],
      [3, 5, false],
    ])
    expect(pages.flatMap((p) => p.docs.map((hit: { message: { id: number } }) => hit.message.id))).toEqual([...ids].reverse())
    expect((await search(bob, { q: 'walrus', page: 4, limit: 10 })).body).toEqual({ docs: [], page: 4, hasNextPage: false })
    // The default page size.
    expect((await search(bob, { q: 'walrus' })).body.docs).toHaveLength(20)
  })

  it('ranks the better match first', async () => {
    const { alice, bob } = cast
    const dense = await send(server.url, alice, bob, 'llama llama llama')
    const sparse = await send(server.url, alice, bob, 'one llama among many other words in a long and winding message about farms')
    const both = await send(server.url, alice, bob, 'llama alpaca')
    expect(await hitIds(bob, { q: 'llama' })).toEqual([dense.id, both.id, sparse.id])
    expect(await hitIds(bob, { q: 'alpaca llama' })).toEqual([both.id])
  })

  it('answers 400 for a bad q, page, limit or conversation, before searching', async () => {
    const { bob } = cast
    const bad: Array<[string, RegExp]> = [
      ['', /"q"/],
      ['q=a', /2 to 200/],
      [`q=${'x'.repeat(201)}`, /2 to 200/],
      ['q=ab&q=cd', /once/],
      ['q=%00ab', /control/],
      ['q=walrus&limit=0', /"limit"/],
      ['q=walrus&limit=51', /"limit"/],
      ['q=walrus&limit=ten', /"limit"/],
      ['q=walrus&page=0', /"page"/],
      ['q=walrus&page=51', /"page"/],
      ['q=walrus&page=-1', /"page"/],
      ['q=walrus&peer=abc', /"peer"/],
      ['q=walrus&room=0', /"room"/],
      [`q=walrus&room=${team.id}&peer=${cast.alice.id}`, /not both/],
      ['q=walrus&sort=-id', /Unknown query parameter "sort"/],
    ]
    for (const [query, message] of bad) {
      const res = await cast.client.get(`/api/messages/search?${query}`, bob.token)
      expect(res.status, query).toBe(400)
      expect(res.body.errors[0].message, query).toMatch(message)
    }
  })
})
