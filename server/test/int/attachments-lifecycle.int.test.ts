// An attachment's life after upload (issue #17): it reaches the stream inside its message, goes
// (row and files on disk) with its message, its room, its uploader, or a moderator's deletion
// (which the message's readers see live), and is swept away if it is never sent.
import { describe, expect, it } from 'vitest'

import { env } from '../../src/env'
import { removeOrphanUploads } from '../../src/uploads/orphan-sweep'
import { api } from '../helpers/api'
import { type Cast, useServerWithCast } from '../helpers/fixtures'
import type { TestServer } from '../helpers/http-server'
import { useStreams } from '../helpers/open-streams'
import { createRoom, postInRoom } from '../helpers/rooms'
import { parseData } from '../helpers/sse-client'
import { onDisk, pdfBytes, pngBytes, uploaded } from '../helpers/uploads'

let server: TestServer
let cast: Cast
useServerWithCast((s, c) => ((server = s), (cast = c)))
const { stream } = useStreams(() => server)

type Upload = Awaited<ReturnType<typeof uploaded>>
const image = async (token: string, name = 'pic.png') => uploaded(server.url, 'attachments', { name, bytes: await pngBytes(640, 480), token })
// Both of an image's files (original and thumbnail) are on disk, or neither is.
const filesOnDisk = (doc: Upload) => [onDisk(env.uploadsDir, 'attachments', doc.filename), onDisk(env.uploadsDir, 'attachments', doc.sizes.thumbnail.filename)]
const rowExists = async (id: number) => (await server.payload.count({ collection: 'attachments', where: { id: { equals: id } } })).totalDocs === 1
const sendWith = async (token: string, body: object) => {
  const res = await api(server.url).post('/api/messages', body, token)
  if (res.status !== 201) throw new Error(`send failed: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body.doc as { id: number; attachments: unknown[] }
}

describe('on the stream', () => {
  it("message.created carries the message's AttachmentRefs, as REST returns them", async () => {
    const bob = await stream(cast.bob.token)
    await bob.ready()
    const file = await image(cast.alice.token)
    const msg = await sendWith(cast.alice.token, { receiver: cast.bob.id, content: 'see', attachments: [file.id] })
    await bob.waitFor(() => bob.changes().some((e) => e.event === 'message.created' && parseData(e).id === msg.id))
    const created = parseData(bob.changes().find((e) => parseData(e).id === msg.id)!)
    expect(created.attachments).toEqual(msg.attachments)
    expect(created.attachments[0]).toMatchObject({ id: file.id, width: 640, height: 480, url: file.url, thumbnailUrl: file.sizes.thumbnail.url })
  })

  it("a moderator deleting one file updates the message live; deleting a text-less message's last file removes it", async () => {
    const bob = await stream(cast.bob.token)
    await bob.ready()
    const [first, second] = [await image(cast.alice.token), await image(cast.alice.token)]
    const msg = await sendWith(cast.alice.token, { receiver: cast.bob.id, attachments: [first.id, second.id] })
    expect((await api(server.url).del(`/api/attachments/${first.id}`, cast.bob.token)).status).toBe(403)
    expect((await api(server.url).del(`/api/attachments/${first.id}`, cast.admin.token)).status).toBe(200)
    await bob.waitFor(() => bob.changes().some((e) => e.event === 'message.updated' && parseData(e).id === msg.id))
    const updated = parseData(bob.changes().find((e) => e.event === 'message.updated')!)
    expect(updated.attachments.map((ref: { id: number }) => ref.id)).toEqual([second.id])
    expect(filesOnDisk(first)).toEqual([false, false])
    expect(filesOnDisk(second)).toEqual([true, true])
    // The message is all files: without its last one it would be empty, so it goes.
    expect((await api(server.url).del(`/api/attachments/${second.id}`, cast.admin.token)).status).toBe(200)
    await bob.waitFor(() => bob.changes().some((e) => e.event === 'message.deleted'))
    expect(parseData(bob.changes().find((e) => e.event === 'message.deleted')!)).toMatchObject({ id: msg.id, by: 'moderator' })
    expect(filesOnDisk(second)).toEqual([false, false])
  })
  it('two files of one message deleted at once: both refs go, neither comes back', async () => {
    for (let round = 0; round < 3; round++) {
      const files = [await image(cast.alice.token), await image(cast.alice.token), await image(cast.alice.token)]
      const msg = await sendWith(cast.alice.token, { receiver: cast.bob.id, content: 'three', attachments: files.map((f) => f.id) })
      // In one process too (two moderators' requests handled side by side).
      await Promise.all(files.slice(0, 2).map((f) => server.payload.delete({ collection: 'attachments', id: f.id, overrideAccess: true })))
      expect(await rowExists(files[0].id)).toBe(false)
      expect(await rowExists(files[1].id)).toBe(false)
      const after = await api(server.url).get(`/api/messages/${msg.id}`, cast.alice.token)
      expect(after.body.attachments.map((ref: { id: number }) => ref.id)).toEqual([files[2].id])
    }
  })
})

describe('deleted with', () => {
  it('its message: rows and files', async () => {
    const [file, pdf] = [await image(cast.alice.token), await uploaded(server.url, 'attachments', { name: 'a.pdf', bytes: pdfBytes(), token: cast.alice.token })]
    const msg = await sendWith(cast.alice.token, { receiver: cast.bob.id, content: 'bye', attachments: [file.id, pdf.id] })
    expect(filesOnDisk(file)).toEqual([true, true])
    expect((await api(server.url).del(`/api/messages/${msg.id}`, cast.alice.token)).status).toBe(200)
    expect(await rowExists(file.id)).toBe(false)
    expect(await rowExists(pdf.id)).toBe(false)
    expect(filesOnDisk(file)).toEqual([false, false])
    expect(onDisk(env.uploadsDir, 'attachments', pdf.filename)).toBe(false)
  })

  it('its room', async () => {
    const room = await createRoom(server.url, cast.carol, 'Short-lived')
    const file = await image(cast.carol.token)
    await postInRoom(server.url, cast.carol, room, 'pic', { attachments: [file.id] })
    expect((await api(server.url).del(`/api/rooms/${room.id}`, cast.admin.token)).status).toBe(200)
    expect(await rowExists(file.id)).toBe(false)
    expect(filesOnDisk(file)).toEqual([false, false])
  })

  it('its uploader: sent and unsent uploads and avatars', async () => {
    const dave = await api(server.url).signUp('Dave', 'dave@test.io')
    const [sent, unsent] = [await image(dave.token), await image(dave.token)]
    const avatar = await uploaded(server.url, 'avatars', { name: 'me.png', bytes: await pngBytes(200, 200), token: dave.token })
    expect((await api(server.url).patch(`/api/users/${dave.id}`, { avatar: avatar.id }, dave.token)).status).toBe(200)
    await sendWith(dave.token, { receiver: cast.alice.id, attachments: [sent.id] })
    expect((await api(server.url).del(`/api/users/${dave.id}`, cast.admin.token)).status).toBe(200)
    for (const file of [sent, unsent]) {
      expect(await rowExists(file.id)).toBe(false)
      expect(filesOnDisk(file)).toEqual([false, false])
    }
    expect((await server.payload.count({ collection: 'avatars', where: { id: { equals: avatar.id } } })).totalDocs).toBe(0)
    expect(onDisk(env.uploadsDir, 'avatars', avatar.filename)).toBe(false)
  })
})

describe('deleted by its uploader', () => {
  it('while unsent (a cancel): row and files go; once sent, or by someone else, refused', async () => {
    const [unsent, sent, bobs] = [await image(cast.alice.token), await image(cast.alice.token), await image(cast.bob.token)]
    await sendWith(cast.alice.token, { receiver: cast.bob.id, content: 'kept', attachments: [sent.id] })
    expect((await api(server.url).del(`/api/attachments/${unsent.id}`, cast.alice.token)).status).toBe(200)
    expect(await rowExists(unsent.id)).toBe(false)
    expect(filesOnDisk(unsent)).toEqual([false, false])
    expect((await api(server.url).del(`/api/attachments/${sent.id}`, cast.alice.token)).status).not.toBe(200)
    expect((await api(server.url).del(`/api/attachments/${bobs.id}`, cast.alice.token)).status).not.toBe(200)
    expect(await rowExists(sent.id)).toBe(true)
    expect(await rowExists(bobs.id)).toBe(true)
  })
})

describe('uploads never used', () => {
  it('are removed once older than the cut-off; sent ones and avatars in use stay', async () => {
    const [sent, unsent] = [await image(cast.alice.token), await image(cast.alice.token)]
    await sendWith(cast.alice.token, { receiver: cast.bob.id, attachments: [sent.id] })
    const [used, unused] = [
      await uploaded(server.url, 'avatars', { name: 'a.png', bytes: await pngBytes(100, 100), token: cast.bob.token }),
      await uploaded(server.url, 'avatars', { name: 'b.png', bytes: await pngBytes(100, 100), token: cast.bob.token }),
    ]
    expect((await api(server.url).patch(`/api/users/${cast.bob.id}`, { avatar: used.id }, cast.bob.token)).status).toBe(200)
    // Nothing is old enough yet.
    expect(await removeOrphanUploads(server.payload, new Date(Date.now() - 60_000))).toEqual({ attachments: 0, avatars: 0 })
    const removed = await removeOrphanUploads(server.payload, new Date(Date.now() + 60_000))
    expect(removed.attachments).toBeGreaterThanOrEqual(1)
    expect(removed.avatars).toBe(1)
    expect(await rowExists(unsent.id)).toBe(false)
    expect(filesOnDisk(unsent)).toEqual([false, false])
    expect(await rowExists(sent.id)).toBe(true)
    expect(filesOnDisk(sent)).toEqual([true, true])
    expect(onDisk(env.uploadsDir, 'avatars', used.filename)).toBe(true)
    expect(onDisk(env.uploadsDir, 'avatars', unused.filename)).toBe(false)
  })
})
