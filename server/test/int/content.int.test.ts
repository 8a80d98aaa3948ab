// Content and names are stored exactly as accepted: what the response shows is what a later read
// and the database give back; control characters (but newline and tab in content) and text with
// nothing visible are a 400 that changes nothing.
import { describe, expect, it } from 'vitest'

import { type Cast, useServerWithCast } from '../helpers/fixtures'
import type { TestServer } from '../helpers/http-server'

let server: TestServer
let cast: Cast
useServerWithCast((s, c) => ((server = s), (cast = c)))

const messageCount = async () => (await server.payload.count({ collection: 'messages', overrideAccess: true })).totalDocs
const storedContent = async (id: number) =>
  (await server.payload.findByID({ collection: 'messages', id, overrideAccess: true, depth: 0 })).content

// JSON as a client writes it: a lone surrogate survives only as an escape.
const post = (content: string) => cast.client.request('POST', '/api/messages', { raw: JSON.stringify({ receiver: cast.bob.id, content }), token: cast.alice.token })

const INVISIBLE = {
  'zero-width space': '\u200B',
  'zero-width joiner and non-joiner': '\u200C\u200D',
  'word joiner': '\u2060',
  'byte order mark': '\uFEFF',
  'no-break and ideographic spaces': ' \u00A0\u3000 ',
  'Hangul filler': '\u3164',
  'braille blank': '\u2800',
  'soft hyphen': '\u00AD',
  'only newlines and tabs': '\n\t\n',
  'zero-width space between spaces': '  \u200B  ',
}

const CONTROLS = {
  'NUL inside': 'before\u0000after',
  'NUL alone': '\u0000',
  'NUL first': '\u0000after',
  BEL: 'ring \u0007',
  'ANSI escape': '\u001b[31mred',
  DEL: 'x\u007F',
  'C1 next-line': 'x\u0085y',
  'lone surrogate': 'broken \uD800 pair',
}

describe('message content', () => {
  const accepted: Array<[string, string, string]> = [
    ['lines and tabs', 'line one\nline two\n\tindented', 'line one\nline two\n\tindented'],
    ['Windows line endings, normalised', 'one\r\ntwo\rthree', 'one\ntwo\nthree'],
    ['outer whitespace, trimmed', '  padded \n ', 'padded'],
    ['an emoji ZWJ sequence', 'family 👨‍👩‍👧 🏳️‍🌈', 'family 👨‍👩‍👧 🏳️‍🌈'],
    ['combining marks', 'e\u0301 and n\u0303', 'e\u0301 and n\u0303'],
    ['right-to-left text with a mark', 'שלום \u200F(hi)', 'שלום \u200F(hi)'],
    ['a zero-width space between words', 'zero\u200Bwidth', 'zero\u200Bwidth'],
    ['quotes, backslashes and markup', '"q" \\n <b>x</b> &amp;', '"q" \\n <b>x</b> &amp;'],
    ['4,000 UTF-16 units of astral characters', '😀'.repeat(2000), '😀'.repeat(2000)],
  ]
  for (const [name, sent, expected] of accepted) {
    it(`stores ${name} as the response shows it`, async () => {
      const res = await post(sent)
      expect(res.status).toBe(201)
      expect(res.body.doc.content).toBe(expected)
      expect(await storedContent(res.body.doc.id)).toBe(expected)
      const read = await cast.client.get(`/api/messages/${res.body.doc.id}`, cast.bob.token)
      expect(read.body.content).toBe(expected)
    })
  }

  for (const [name, content] of [...Object.entries(CONTROLS), ...Object.entries(INVISIBLE)]) {
    it(`refuses ${name} with a 400 and stores nothing`, async () => {
      const before = await messageCount()
      const res = await post(content)
      expect(res.status).toBe(400)
      expect(JSON.stringify(res.body.errors)).toMatch(/control characters|something visible|broken character|required/)
      expect(await messageCount()).toBe(before)
    })
  }

  it('refuses an edit to NUL-cut or invisible content and keeps the message as it was', async () => {
    const sent = await post('original')
    for (const content of ['before\u0000after', '\u200B\u2060']) {
      const res = await cast.client.patch(`/api/messages/${sent.body.doc.id}`, { content }, cast.alice.token)
      expect(res.status).toBe(400)
      expect(await storedContent(sent.body.doc.id)).toBe('original')
    }
  })
})

describe('user names', () => {
  const signUp = (name: string, email: string) => cast.client.post('/api/users', { name, email, password: 'password-123' })
  const userCount = async () => (await server.payload.count({ collection: 'users', overrideAccess: true })).totalDocs

  it('stores a trimmed name with emoji and marks as the response shows it', async () => {
    const res = await signUp('  Zoe\u0308 🙂 ', 'zoe@test.io')
    expect(res.status).toBe(201)
    expect(res.body.doc.name).toBe('Zoe\u0308 🙂')
    const stored = await server.payload.findByID({ collection: 'users', id: res.body.doc.id, overrideAccess: true })
    expect(stored.name).toBe('Zoe\u0308 🙂')
  })

  const refused = { ...CONTROLS, ...INVISIBLE, newline: 'Bob\nSmith', tab: 'Bob\tSmith' }
  for (const [name, value] of Object.entries(refused)) {
    it(`refuses ${name} in a name at sign-up with a 400 and creates nobody`, async () => {
      const before = await userCount()
      const res = await signUp(value, `name-${before}@test.io`)
      expect(res.status).toBe(400)
      expect(await userCount()).toBe(before)
    })
  }

  it('answers a refused name with the one error the API has always given, whatever else is wrong', async () => {
    const res = await cast.client.post('/api/users', { name: '\u2060', email: 'not an email', password: 'password-123' })
    expect(res.status).toBe(400)
    expect(res.body.errors).toEqual([
      {
        name: 'ValidationError',
        message: 'The following field is invalid: name',
        data: { collection: 'users', errors: [{ message: 'Name must contain something visible.', path: 'name' }] },
      },
    ])
  })

  it('refuses a rename to an invisible or NUL-cut name and keeps the name', async () => {
    for (const name of ['\u2060', 'Car\u0000ol']) {
      const res = await cast.client.patch(`/api/users/${cast.carol.id}`, { name }, cast.carol.token)
      expect(res.status).toBe(400)
      expect(res.body.errors[0].data.errors[0]).toMatchObject({ path: 'name' })
    }
    const stored = await server.payload.findByID({ collection: 'users', id: cast.carol.id, overrideAccess: true })
    expect(stored.name).toBe('Carol')
  })
})
