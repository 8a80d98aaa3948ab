// Uploading attachments (issue #17): the size limit, the type from the content (never the name or
// the declared type), the uploader set by the server; then sending them with a message.
import { existsSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it, vi } from 'vitest'

vi.hoisted(() => {
  // A small limit, so the oversize case needs no 10 MB body.
  process.env.UPLOAD_MAX_BYTES = '300000'
})

import { env } from '../../src/env'
import { MAX_UPLOADS_IN_FLIGHT } from '../../src/uploads/upload-gate'
import { api } from '../helpers/api'
import { type Cast, useServerWithCast } from '../helpers/fixtures'
import type { TestServer } from '../helpers/http-server'
import { animatedGifBytes, exeBytes, jpegBytes, pdfBytes, pngBytes, svgBytes, upload, uploaded } from '../helpers/uploads'

let server: TestServer
let cast: Cast
useServerWithCast((s, c) => {
  server = s
  cast = c
})

describe('POST /api/attachments', () => {
  it('stores an image with its dimensions and a thumbnail, as the logged-in user', async () => {
    const res = await upload(server.url, 'attachments', { name: 'photo.png', bytes: await pngBytes(800, 600), type: 'image/png', token: cast.alice.token })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    const doc = res.body.doc
    expect(doc).toMatchObject({ mimeType: 'image/png', width: 800, height: 600, uploadedBy: { id: cast.alice.id } })
    expect(doc.filename).toMatch(/^photo-[0-9a-f]{10}\.png$/)
    expect(doc.message ?? null).toBeNull()
    expect(doc.url).toMatch(new RegExp(`/api/attachments/file/${doc.filename}$`))
    expect(doc.sizes.thumbnail).toMatchObject({ width: 480, height: 360 })
    expect(doc.sizes.thumbnail.url).toMatch(new RegExp(`/api/attachments/file/${doc.filename.replace('.png', '')}-480x360\\.png$`))
  })

  it('takes common files, typed from their content: a PDF declared as HTML is stored as a PDF', async () => {
    const res = await upload(server.url, 'attachments', { name: 'notes.pdf', bytes: pdfBytes(), type: 'text/html', token: cast.alice.token })
    expect(res.status).toBe(201)
    expect(res.body.doc).toMatchObject({ filename: expect.stringMatching(/^notes-\w+\.pdf$/), mimeType: 'application/pdf', width: null, height: null })
    const text = await upload(server.url, 'attachments', { name: 'list.csv', bytes: Buffer.from('a,b\n1,2\n'), token: cast.alice.token })
    expect(text.status).toBe(201)
    expect(text.body.doc.mimeType).toBe('text/csv')
  })

  it('names a file without an ending after its content', async () => {
    const doc = await uploaded(server.url, 'attachments', { name: 'pasted', bytes: await jpegBytes(), token: cast.alice.token })
    expect(doc).toMatchObject({ filename: expect.stringMatching(/^pasted-\w+\.jpg$/), mimeType: 'image/jpeg' })
  })

  it('refuses a file over UPLOAD_MAX_BYTES with a 413 JSON error', async () => {
    const big = Buffer.concat([pdfBytes(), Buffer.alloc(env.uploads.maxBytes, 0x20)])
    const res = await upload(server.url, 'attachments', { name: 'big.pdf', bytes: big, token: cast.alice.token })
    expect(res.status).toBe(413)
    expect(res.body.errors[0].message).toMatch(/larger than 0\.3 MB/)
  })

  it.each([
    ['a PNG named .pdf', 'image.pdf', () => pngBytes(20, 20), /ends in \.pdf but its content is image\/png/],
    ['text named .png', 'fake.png', async () => Buffer.from('not an image'), /could not be recognised/],
    ['an executable named .txt', 'run.txt', async () => exeBytes(), /not accepted/],
    ['an SVG (script)', 'logo.svg', async () => svgBytes(), /could not be recognised/],
    ['an SVG declared as PNG', 'logo.png', async () => svgBytes(), /could not be recognised/],
    ['binary bytes named .txt', 'data.txt', async () => Buffer.from([0x00, 0x01, 0x02, 0xff]), /could not be recognised/],
    // Each frame is within the pixel cap; all of them together are not (Payload resizes every one).
    ['an animation of 13 frames of 2000×2000', 'big.gif', () => animatedGifBytes(2000, 2000, 13), /× 13 frames: at most 50 megapixels/],
    ['an animation of 301 frames', 'long.gif', () => animatedGifBytes(4, 4, 301), /301 frames: at most 300/],
  ])('refuses %s with a 400 and stores nothing', async (_label, name, bytes, message) => {
    const before = await server.payload.count({ collection: 'attachments' })
    const res = await upload(server.url, 'attachments', { name, bytes: await bytes(), type: 'image/png', token: cast.alice.token })
    expect(res.status).toBe(400)
    expect(res.body.errors[0].message).toMatch(message)
    expect((await server.payload.count({ collection: 'attachments' })).totalDocs).toBe(before.totalDocs)
  })

  it('refuses an uploader or a message sent by the client', async () => {
    const bytes = await pngBytes(10, 10)
    const as = await upload(server.url, 'attachments', { name: 'a.png', bytes, token: cast.alice.token, data: { uploadedBy: cast.bob.id } })
    expect(as.status).toBe(400)
    expect(as.body.errors[0].message).toMatch(/"uploadedBy" is set by the server/)
    const linked = await upload(server.url, 'attachments', { name: 'a.png', bytes, token: cast.alice.token, data: { message: 1 } })
    expect(linked.status).toBe(400)
  })

  it('refuses measurements sent by the client (400): a ref carries only what the server measured', async () => {
    const before = await server.payload.count({ collection: 'attachments' })
    for (const data of [{ width: 99999, height: 1 }, { focalX: 5 }, { focalY: 5 }, { filesize: 1 }, { mimeType: 'image/png' }]) {
      for (const collection of ['attachments', 'avatars'] as const) {
        const bytes = collection === 'attachments' ? pdfBytes() : await pngBytes(10, 10)
        const res = await upload(server.url, collection, { name: collection === 'attachments' ? 'x.pdf' : 'a.png', bytes, token: cast.alice.token, data })
        expect(res.status, `${collection} ${JSON.stringify(data)}`).toBe(400)
        expect(res.body.errors[0].message).toMatch(/takes only its file/)
      }
    }
    expect((await server.payload.count({ collection: 'attachments' })).totalDocs).toBe(before.totalDocs)
    const plain = await upload(server.url, 'attachments', { name: 'x.pdf', bytes: pdfBytes(), token: cast.alice.token, data: {} })
    expect(plain.status).toBe(201)
    expect(plain.body.doc).toMatchObject({ width: null, height: null })
  })

  it('refuses a URL for the server to fetch instead of a file', async () => {
    const res = await api(server.url).post('/api/attachments', { filename: 'x.png', url: 'http://127.0.0.1:9/x.png' }, cast.alice.token)
    expect(res.status).toBe(400)
  })

  // A body that sends its first bytes and then never ends: answered only if the server does not
  // wait for it. Aborted by the caller.
  function hangingUpload(token: string | undefined, signal: AbortSignal) {
    const boundary = 'x-hanging'
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n`))
      },
    })
    const headers: Record<string, string> = { 'content-type': `multipart/form-data; boundary=${boundary}` }
    if (token) headers.authorization = `JWT ${token}`
    return fetch(`${server.url}/api/attachments`, { method: 'POST', headers, body, signal, duplex: 'half' } as RequestInit)
  }

  it('logged out is a 401 before the body is read; at most 16 uploads are read at once (503, Retry-After)', async () => {
    const stop = new AbortController()
    try {
      expect((await hangingUpload(undefined, stop.signal)).status).toBe(401)
      expect((await hangingUpload('forged.token.value', stop.signal)).status).toBe(401)
      const pending = Array.from({ length: MAX_UPLOADS_IN_FLIGHT }, () => hangingUpload(cast.bob.token, stop.signal).catch(() => null))
      // One more is refused while those are still sending.
      let busy = new Response(null)
      await vi.waitFor(async () => {
        busy = await upload(server.url, 'attachments', { name: 'x.pdf', bytes: pdfBytes(), token: cast.alice.token }).then((r) => new Response(null, { status: r.status, headers: r.headers }))
        expect(busy.status).toBe(503)
        // Until all 16 are past their login check (on PostgreSQL each waits for a pool connection).
      }, 15_000)
      expect(busy.headers.get('retry-after')).toBe('5')
      stop.abort()
      await Promise.all(pending)
    } finally {
      stop.abort()
    }
    await vi.waitFor(async () => {
      expect((await upload(server.url, 'attachments', { name: 'x.pdf', bytes: pdfBytes(), token: cast.alice.token })).status).toBe(201)
    }, 15_000)
  })

  it('needs a login (401) and is never changed afterwards (403)', async () => {
    const anonymous = await upload(server.url, 'attachments', { name: 'a.png', bytes: await pngBytes(10, 10) })
    expect(anonymous.status).toBe(401)
    const doc = await uploaded(server.url, 'attachments', { name: 'keep.png', bytes: await pngBytes(10, 10), token: cast.alice.token })
    const patch = await api(server.url).patch(`/api/attachments/${doc.id}`, { filename: 'other.png' }, cast.alice.token)
    expect(patch.status).toBe(403)
  })

  it('keeps files of the same name apart, even uploaded at once, and only ever in its folder', async () => {
    const bytes = await pngBytes(10, 10)
    const docs = await Promise.all(Array.from({ length: 6 }, () => uploaded(server.url, 'attachments', { name: 'image.png', bytes, token: cast.alice.token })))
    expect(new Set(docs.map((doc) => doc.filename)).size).toBe(6)
    for (const doc of docs) expect(doc.filename).toMatch(/^image-[0-9a-f]{10}\.png$/)
    const traversal = await uploaded(server.url, 'attachments', { name: '../../evil.png', bytes, token: cast.alice.token })
    expect(traversal.filename).toMatch(/^evil-\w+\.png$/)
    expect(existsSync(path.join(env.uploadsDir, 'attachments', traversal.filename))).toBe(true)
  })
})

describe('a message with attachments', () => {
  let fresh: (token: string, name?: string) => Promise<number>
  beforeAll(() => {
    fresh = async (token, name = 'pic.png') => (await uploaded(server.url, 'attachments', { name, bytes: await pngBytes(40, 30), token })).id
  })
  const send = (body: object, token: string) => api(server.url).post('/api/messages', body, token)

  it('carries each file as an AttachmentRef, and may have no text', async () => {
    const image = await fresh(cast.alice.token)
    const pdf = (await uploaded(server.url, 'attachments', { name: 'doc.pdf', bytes: pdfBytes(), token: cast.alice.token })).id
    const res = await send({ receiver: cast.bob.id, attachments: [image, pdf] }, cast.alice.token)
    expect(res.status).toBe(201)
    expect(res.body.doc.content).toBe('')
    expect(res.body.doc.attachments).toEqual([
      {
        id: image,
        filename: expect.stringMatching(/^pic-\w+\.png$/),
        mimeType: 'image/png',
        filesize: expect.any(Number),
        width: 40,
        height: 30,
        url: expect.stringMatching(/\/api\/attachments\/file\/pic-\w+\.png$/),
        thumbnailUrl: expect.stringMatching(/\/api\/attachments\/file\/pic-\w+-40x30\.png$/),
      },
      { id: pdf, filename: expect.stringMatching(/^doc-\w+\.pdf$/), mimeType: 'application/pdf', filesize: pdfBytes().byteLength, width: null, height: null, url: expect.stringMatching(/\/api\/attachments\/file\/doc-\w+\.pdf$/), thumbnailUrl: null },
    ])
    // Each upload now belongs to the message.
    const stored = await server.payload.findByID({ collection: 'attachments', id: image, depth: 0 })
    expect(stored.message).toBe(res.body.doc.id)
    // REST reads it back the same way.
    const read = await api(server.url).get(`/api/messages/${res.body.doc.id}`, cast.bob.token)
    expect(read.body.attachments).toEqual(res.body.doc.attachments)
  })

  it('refuses neither text nor files (400)', async () => {
    for (const body of [{ receiver: cast.bob.id }, { receiver: cast.bob.id, content: '  ', attachments: [] }]) {
      const res = await send(body, cast.alice.token)
      expect(res.status).toBe(400)
    }
  })

  it("refuses someone else's upload, one already sent, the same one twice, more than 10, and non-ids (400)", async () => {
    const bobs = await fresh(cast.bob.token)
    const sent = await fresh(cast.alice.token)
    expect((await send({ receiver: cast.bob.id, content: 'first', attachments: [sent] }, cast.alice.token)).status).toBe(201)
    const mine = await fresh(cast.alice.token)
    const eleven = await Promise.all(Array.from({ length: 11 }, () => fresh(cast.alice.token)))
    const cases: Array<[unknown, RegExp]> = [
      [[bobs], new RegExp(`Attachment ${bobs} is not an upload of yours`)],
      [[sent], new RegExp(`Attachment ${sent} is not an upload of yours`)],
      [[999999], /Attachment 999999 is not/],
      [[mine, mine], /more than once/],
      [eleven, /at most 10/],
      [['x'], /upload ids/],
      ['1', /upload ids/],
    ]
    for (const [attachments, message] of cases) {
      const res = await send({ receiver: cast.carol.id, content: 'files', attachments }, cast.alice.token)
      expect(res.status, JSON.stringify(attachments)).toBe(400)
      expect(res.body.errors[0].message).toMatch(message)
    }
    // Nothing was taken by the refused sends.
    const stillFree = await server.payload.findByID({ collection: 'attachments', id: mine, depth: 0 })
    expect(stillFree.message ?? null).toBeNull()
    expect((await send({ receiver: cast.carol.id, content: 'ten', attachments: eleven.slice(0, 10) }, cast.alice.token)).status).toBe(201)
  })

  it('keeps its files: an edit that changes them is a 400, an edit of the text is fine', async () => {
    const file = await fresh(cast.alice.token)
    const other = await fresh(cast.alice.token)
    const msg = (await send({ receiver: cast.bob.id, content: 'look', attachments: [file] }, cast.alice.token)).body.doc
    const changed = await api(server.url).patch(`/api/messages/${msg.id}`, { attachments: [other] }, cast.alice.token)
    expect(changed.status).toBe(400)
    const cleared = await api(server.url).patch(`/api/messages/${msg.id}`, { attachments: [] }, cast.alice.token)
    expect(cleared.status).toBe(400)
    // Sending back the list as stored (a form round-tripping the document) changes nothing.
    const same = await api(server.url).patch(`/api/messages/${msg.id}`, { content: 'look again', attachments: msg.attachments }, cast.alice.token)
    expect(same.status).toBe(200)
    const bulk = await api(server.url).request('PATCH', `/api/messages?where[id][equals]=${msg.id}`, { body: { attachments: [] }, token: cast.admin.token })
    expect(bulk.status).toBe(400)
    // The text may go: the files stay.
    const edited = await api(server.url).patch(`/api/messages/${msg.id}`, { content: '' }, cast.alice.token)
    expect(edited.status).toBe(200)
    expect(edited.body.doc.attachments.map((ref: { id: number }) => ref.id)).toEqual([file])
    const textOnly = (await send({ receiver: cast.bob.id, content: 'words' }, cast.alice.token)).body.doc
    expect((await api(server.url).patch(`/api/messages/${textOnly.id}`, { content: '' }, cast.alice.token)).status).toBe(400)
  })
})
