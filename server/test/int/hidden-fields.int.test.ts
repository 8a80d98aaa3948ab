// A member may not filter or sort on a field they cannot read: that would tell them its value
// (`where[role][equals]=admin` lists the admins, `sort=-updatedAt` orders users by activity).
// Generic: the test walks the running config's collections and fields, finds which fields a member
// does not get back (field access, hidden auth fields, or an afterRead hook), and asserts that a
// where and a sort on each, also nested in and/or and through relationships, are refused with a
// 400, while the fields they do read still work. A collection or field added later is covered.
import type { FlattenedField } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { type Cast, send, useServerWithCast } from '../helpers/fixtures'
import type { TestServer } from '../helpers/http-server'
import { ADMIN_REPORT_FIELDS } from '../helpers/moderation'
import { pngBytes, uploaded } from '../helpers/uploads'

let server: TestServer
let cast: Cast
useServerWithCast((s, c) => ((server = s), (cast = c)))

interface Visibility {
  hidden: string[] // paths a member must not query
  visible: string[] // paths a member reads, and may query
}
const visibility = new Map<string, Visibility>()
const unlisted: Array<[string, number]> = []

// Where paths of a field: itself, or for an array or group each of its subfields.
function pathsOf(field: FlattenedField): string[] {
  if ('flattenedFields' in field && (field.type === 'array' || field.type === 'group')) {
    return field.flattenedFields.filter((sub) => 'name' in sub).map((sub) => `${field.name}.${sub.name}`)
  }
  return [field.name]
}

beforeAll(async () => {
  // Something of every kind for Alice to read: messages, a read marker, a preference, a report of
  // hers and a block of hers (written as trusted server code: the blocks' REST rules are theirs).
  const message = await send(server.url, cast.bob, cast.alice, 'hello')
  await cast.client.post('/api/messages/read', { peer: cast.bob.id, upTo: message.id }, cast.alice.token)
  await cast.client.post('/api/payload-preferences/nav', { value: { open: true } }, cast.alice.token)
  expect((await cast.client.post('/api/reports', { message: message.id, reason: 'spam' }, cast.alice.token)).status).toBe(201)
  await server.payload.create({ collection: 'blocks', data: { blocker: cast.alice.id, blocked: cast.carol.id }, overrideAccess: true })
  // Uploads of hers (issue #17): a file and an avatar.
  await uploaded(server.url, 'attachments', { name: 'a.png', bytes: await pngBytes(10, 10), token: cast.alice.token })
  await uploaded(server.url, 'avatars', { name: 'a.png', bytes: await pngBytes(10, 10), token: cast.alice.token })

  for (const collection of server.payload.config.collections) {
    const list = await cast.client.get(`/api/${collection.slug}?limit=100&depth=0`, cast.alice.token)
    if (list.status !== 200) {
      unlisted.push([collection.slug, list.status])
      continue
    }
    const docs: Array<Record<string, unknown>> = list.body.docs
    expect(docs.length, `${collection.slug}: give the member a document to read`).toBeGreaterThan(0)
    const fields = collection.flattenedFields.filter((field) => 'name' in field && !('virtual' in field && field.virtual))
    const readable = (field: FlattenedField) => docs.every((doc) => field.name in doc)
    // Queried by their parts: an array or a group by its subfields (an upload's `sizes`), a link
    // to several collections by `.value` and `.relationTo` (the field itself is refused), JSON by nothing.
    const queriedWhole = (field: FlattenedField) =>
      !['array', 'group', 'json'].includes(field.type) && !(field.type === 'relationship' && Array.isArray(field.relationTo))
    visibility.set(collection.slug, {
      hidden: fields.filter((field) => !readable(field)).flatMap(pathsOf),
      visible: fields.filter((field) => readable(field) && queriedWhole(field)).map((field) => field.name),
    })
  }
})

// Every (collection, path, hidden?) to check, with paths through single relationships.
function cases(): Array<[string, string, boolean]> {
  const rows: Array<[string, string, boolean]> = []
  for (const collection of server.payload.config.collections) {
    const own = visibility.get(collection.slug)
    if (!own) continue
    for (const path of own.hidden) rows.push([collection.slug, path, true])
    for (const path of own.visible) rows.push([collection.slug, path, false])
    for (const field of collection.flattenedFields) {
      if (field.type !== 'relationship' || typeof field.relationTo !== 'string' || !own.visible.includes(field.name)) continue
      const related = visibility.get(field.relationTo)
      if (!related) continue
      for (const path of related.hidden) rows.push([collection.slug, `${field.name}.${path}`, true])
      for (const path of related.visible) rows.push([collection.slug, `${field.name}.${path}`, false])
    }
  }
  return rows
}

const queriesOn = (path: string) => [
  `where[${path}][exists]=true`,
  `where[or][0][and][0][${path}][exists]=false&where[or][1][id][exists]=true`,
  `sort=${path}`,
  `sort=-id,-${path}`,
]

describe('filters and sorts on fields a member cannot read', () => {
  it('finds the hidden fields the issue names, and collections a member cannot list at all', () => {
    expect(visibility.get('users')?.hidden).toEqual(expect.arrayContaining(['email', 'role', 'updatedAt', 'createdAt', 'hash', 'sessions.id']))
    expect(visibility.get('messages')?.visible).toEqual(expect.arrayContaining(['sender', 'content', 'timestamp']))
    // A reporter reads the state of their report, not who reported it, the moderators' snapshot, or
    // how it was resolved.
    expect(visibility.get('reports')?.hidden).toEqual(expect.arrayContaining([...ADMIN_REPORT_FIELDS]))
    expect(visibility.get('reports')?.visible).toEqual(expect.arrayContaining(['reason', 'status']))
    // locked documents (403), migrations (no REST: 405), the audit trail (admins only: 403)
    expect(unlisted.map(([slug]) => slug)).toEqual(expect.arrayContaining(['payload-locked-documents', 'payload-migrations', 'moderation-log']))
    for (const [, status] of unlisted) expect([401, 403, 404, 405]).toContain(status)
  })

  it('refuses every where and sort on a hidden field (400) and takes them on readable ones', async () => {
    const wrong: string[] = []
    const rows = cases()
    expect(rows.filter(([, , hidden]) => hidden).length).toBeGreaterThan(20)
    for (const [slug, path, hidden] of rows) {
      for (const query of queriesOn(path)) {
        const res = await cast.client.get(`/api/${slug}?${query}`, cast.alice.token)
        const expected = hidden ? 400 : 200
        if (res.status !== expected) wrong.push(`${slug}?${query} → ${res.status} (expected ${expected}) ${JSON.stringify(res.body).slice(0, 120)}`)
      }
    }
    expect(wrong).toEqual([])
    // Hundreds of requests, more with every readable collection (rooms, memberships): a budget for
    // a loaded machine, not a speed check.
  }, 120_000)

  it.each([
    ['users', 'where[role][equals]=admin'],
    ['users', 'sort=role'],
    ['users', 'where[updatedAt][greater_than]=2000-01-01'],
    ['users', 'sort=-updatedAt'],
    ['users/count', 'where[role][equals]=admin'],
    ['messages', 'where[sender.email][like]=alice'],
    ['messages', 'where[sender.role][equals]=admin'],
    ['messages', 'sort=sender.role'],
  ])('GET /api/%s?%s as a member → 400 that leaks nothing; the admin may', async (route, query) => {
    const res = await cast.client.get(`/api/${route}?${query}`, cast.alice.token)
    expect(res.status).toBe(400)
    expect(JSON.stringify(res.body)).not.toMatch(/admin@test\.io|Ada Admin/)
    expect((await cast.client.get(`/api/${route}?${query}`, cast.admin.token)).status).toBe(200)
  })

  it('applies to the Local API on behalf of a member too', async () => {
    const user = { ...(await server.payload.findByID({ collection: 'users', id: cast.alice.id })), collection: 'users' as const }
    await expect(
      server.payload.find({ collection: 'users', where: { role: { equals: 'admin' } }, overrideAccess: false, user }),
    ).rejects.toThrow(/cannot be queried/)
    await expect(server.payload.find({ collection: 'users', sort: 'role', overrideAccess: false, user })).rejects.toThrow(/cannot be queried/)
  })
})
