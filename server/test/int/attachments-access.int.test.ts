// Who may fetch an attachment's file and thumbnail (issue #17): the uploader, whoever may read the
// message it is attached to (the DM's two sides, the room's current members) and admins; nobody
// else, however they name the file. Payload's own file route, through the collection's read access.
import { rmSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'

import { env } from '../../src/env'
import { api } from '../helpers/api'
import { type Actor, type Cast, useServerWithCast } from '../helpers/fixtures'
import type { TestServer } from '../helpers/http-server'
import { createRoom, postInRoom } from '../helpers/rooms'
import { getFile, pdfBytes, pngBytes, uploaded } from '../helpers/uploads'

let server: TestServer
let cast: Cast
useServerWithCast((s, c) => {
  server = s
  cast = c
})

type Upload = Awaited<ReturnType<typeof uploaded>>
// The original and the thumbnail of an image.
const filesOf = (doc: Upload) => [doc.url, doc.sizes.thumbnail.url!]

async function statusesFor(doc: Upload, token?: string) {
  return Promise.all(filesOf(doc).map(async (url) => (await getFile(server.url, url, token)).status))
}

describe('a DM attachment', () => {
  let image: Upload
  let pdf: Upload
  beforeAll(async () => {
    image = await uploaded(server.url, 'attachments', { name: 'holiday.png', bytes: await pngBytes(600, 400), token: cast.alice.token })
    pdf = await uploaded(server.url, 'attachments', { name: 'ticket.pdf', bytes: pdfBytes(), token: cast.alice.token })
  })

  it('before it is sent: its uploader and admins only', async () => {
    expect(await statusesFor(image, cast.alice.token)).toEqual([200, 200])
    expect(await statusesFor(image, cast.admin.token)).toEqual([200, 200])
    expect(await statusesFor(image, cast.bob.token)).toEqual([403, 403])
  })

  it('once sent: both sides of the DM and admins; another member 403, logged out 401', async () => {
    const res = await api(server.url).post('/api/messages', { receiver: cast.bob.id, content: 'tickets', attachments: [image.id, pdf.id] }, cast.alice.token)
    expect(res.status).toBe(201)
    for (const reader of [cast.alice, cast.bob, cast.admin]) {
      expect(await statusesFor(image, reader.token), reader.user.name).toEqual([200, 200])
      expect((await getFile(server.url, pdf.url, reader.token)).status).toBe(200)
    }
    expect(await statusesFor(image, cast.carol.token)).toEqual([403, 403])
    expect((await getFile(server.url, pdf.url, cast.carol.token)).status).toBe(403)
    expect(await statusesFor(image)).toEqual([401, 401])
    expect(await statusesFor(image, 'forged.token.value')).toEqual([401, 401])
    // The document itself, by id or in a list, likewise.
    expect((await api(server.url).get(`/api/attachments/${image.id}`, cast.carol.token)).status).toBe(404)
    expect((await api(server.url).get(`/api/attachments/${image.id}`, cast.bob.token)).status).toBe(200)
    const list = await api(server.url).get('/api/attachments?limit=100', cast.carol.token)
    expect(list.body.docs.map((doc: { id: number }) => doc.id)).not.toContain(image.id)
  })

  it('serves the bytes with a type from the content, images inline, files as downloads, never sniffed', async () => {
    const original = await getFile(server.url, image.url, cast.bob.token)
    expect(original.headers.get('content-type')).toBe('image/png')
    expect(original.headers.get('content-disposition')).toBe('inline')
    expect(original.headers.get('x-content-type-options')).toBe('nosniff')
    expect(original.headers.get('cache-control')).toBe('private, max-age=300')
    expect(original.bytes.byteLength).toBe(image.filesize)
    const thumbnail = await getFile(server.url, image.sizes.thumbnail.url!, cast.bob.token)
    expect(thumbnail.headers.get('content-type')).toBe('image/png')
    const file = await getFile(server.url, pdf.url, cast.bob.token)
    expect(file.headers.get('content-type')).toBe('application/pdf')
    expect(file.headers.get('content-disposition')).toBe('attachment')
    expect(file.headers.get('x-content-type-options')).toBe('nosniff')
    expect(file.bytes.equals(pdfBytes())).toBe(true)
  })

  it('a guessed or made-up name gets nothing: 403 for members, 404 for admins, never a 500', async () => {
    const base = '/api/attachments/file/'
    for (const name of ['holiday.png', 'nothing-here.png', image.filename.replace('.png', '-1.png'), '..%2F..%2Fetc%2Fpasswd']) {
      expect((await getFile(server.url, base + name, cast.carol.token)).status, name).toBe(403)
      expect([400, 403, 404]).toContain((await getFile(server.url, base + name, cast.admin.token)).status)
    }
    expect((await getFile(server.url, `${base}nothing-here.png`, cast.admin.token)).status).toBe(404)
  })

  it('a `prefix` query (a filter on a field we do not have) is a 400 on both upload collections, never a 500', async () => {
    const avatar = await uploaded(server.url, 'avatars', { name: 'me.png', bytes: await pngBytes(300, 300), token: cast.bob.token })
    for (const url of [image.url, image.sizes.thumbnail.url!, avatar.url, avatar.sizes.thumbnail.url!]) {
      for (const reader of [cast.alice, cast.bob, cast.admin]) {
        const res = await getFile(server.url, `${url}?prefix=x`, reader.token)
        expect(res.status, `${reader.user.name} ${url}`).toBe(400)
      }
    }
  })

  it('a file missing on disk is a 404, for admins too', async () => {
    const lost = await uploaded(server.url, 'attachments', { name: 'lost.png', bytes: await pngBytes(20, 20), token: cast.alice.token })
    rmSync(path.join(env.uploadsDir, 'attachments', lost.filename))
    expect((await getFile(server.url, lost.url, cast.alice.token)).status).toBe(404)
    expect((await getFile(server.url, lost.url, cast.admin.token)).status).toBe(404)
  })
})

describe('a room attachment', () => {
  it("the room's current members: one who leaves loses it, one outside never had it", async () => {
    const room = await createRoom(server.url, cast.carol, 'Photos', 'private')
    for (const member of [cast.alice, cast.bob] as Actor[]) {
      const added = await api(server.url).post(`/api/rooms/${room.id}/members`, { user: member.id }, cast.carol.token)
      expect(added.status).toBe(201)
    }
    const image = await uploaded(server.url, 'attachments', { name: 'group.png', bytes: await pngBytes(500, 500), token: cast.alice.token })
    await postInRoom(server.url, cast.alice, room, 'us', { attachments: [image.id] })
    const outsider = await api(server.url).signUp('Dave', 'dave@test.io')
    for (const reader of [cast.alice, cast.bob, cast.carol, cast.admin]) {
      expect(await statusesFor(image, reader.token), reader.user.name).toEqual([200, 200])
    }
    expect(await statusesFor(image, outsider.token)).toEqual([403, 403])
    expect((await api(server.url).post(`/api/rooms/${room.id}/leave`, {}, cast.bob.token)).status).toBe(200)
    expect(await statusesFor(image, cast.bob.token)).toEqual([403, 403])
  })
})
