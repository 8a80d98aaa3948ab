// Profiles (issue #17): an avatar is an image its user uploaded, set on their own user, served to
// anyone logged in at GET /api/users/:id/avatar; a replaced one is deleted. Name and password
// changes as the client makes them.
import sharp from 'sharp'
import { describe, expect, it, vi } from 'vitest'

vi.hoisted(() => {
  // Uploads per user per hour, attachments and avatars together (no user here makes more).
  process.env.UPLOADS_PER_HOUR = '5'
})

import { env } from '../../src/env'
import { api } from '../helpers/api'
import { type Cast, useServerWithCast } from '../helpers/fixtures'
import type { TestServer } from '../helpers/http-server'
import { getFile, onDisk, pdfBytes, pngBytes, svgBytes, upload, uploaded } from '../helpers/uploads'

let server: TestServer
let cast: Cast
useServerWithCast((s, c) => ((server = s), (cast = c)))

const avatarOf = (userId: number, token?: string) => getFile(server.url, `/api/users/${userId}/avatar`, token)
const setAvatar = (userId: number, avatar: number | null, token: string) => api(server.url).patch(`/api/users/${userId}`, { avatar }, token)
const newAvatar = async (token: string, size = 300) => uploaded(server.url, 'avatars', { name: 'me.png', bytes: await pngBytes(size, size), token })

describe('POST /api/avatars', () => {
  it('takes an image of at most 2 MB, typed from its content, as the logged-in user', async () => {
    const res = await upload(server.url, 'avatars', { name: 'me.png', bytes: await pngBytes(300, 200), token: cast.alice.token })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body.doc).toMatchObject({ mimeType: 'image/png', width: 300, height: 200, uploadedBy: cast.alice.id })
    expect(res.body.doc.sizes.thumbnail).toMatchObject({ width: 128, height: 128 })
    // Over 2 MB: refused by the check of the file, or by the body limit before it is read.
    for (const extra of [2 * 1024 * 1024, 3 * 1024 * 1024]) {
      const big = await upload(server.url, 'avatars', { name: 'big.png', bytes: Buffer.concat([await pngBytes(10, 10), Buffer.alloc(extra)]), token: cast.alice.token })
      expect(big.status).toBe(413)
      expect(big.body.errors[0].message).toMatch(/larger than 2 MB, the limit for an avatar/)
    }
  })

  it('refuses anything but PNG, JPEG, GIF and WebP (400), and anonymous uploads (401)', async () => {
    expect((await upload(server.url, 'avatars', { name: 'cv.pdf', bytes: pdfBytes(), token: cast.alice.token })).status).toBe(400)
    expect((await upload(server.url, 'avatars', { name: 'me.svg', bytes: svgBytes(), token: cast.alice.token })).status).toBe(400)
    expect((await upload(server.url, 'avatars', { name: 'me.png', bytes: await pngBytes(10, 10) })).status).toBe(401)
  })
})

describe('uploads per hour', () => {
  it('are limited per user, attachments and avatars together: 429 with Retry-After', async () => {
    const frank = await api(server.url).signUp('Frank', 'frank@test.io')
    for (let i = 0; i < 4; i++) await newAvatar(frank.token, 20)
    await uploaded(server.url, 'attachments', { name: 'a.png', bytes: await pngBytes(20, 20), token: frank.token })
    for (const collection of ['avatars', 'attachments'] as const) {
      const refused = await upload(server.url, collection, { name: 'b.png', bytes: await pngBytes(20, 20), token: frank.token })
      expect(refused.status).toBe(429)
      expect(refused.body.errors[0].message).toMatch(/uploading files too fast/)
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    }
    // Another user's budget is their own.
    expect((await upload(server.url, 'avatars', { name: 'c.png', bytes: await pngBytes(20, 20), token: cast.carol.token })).status).toBe(201)
  })
})

describe('a user’s avatar', () => {
  it('is set by its owner and served to anyone logged in as a 128-pixel thumbnail', async () => {
    expect((await avatarOf(cast.bob.id, cast.alice.token)).status).toBe(404)
    const avatar = await newAvatar(cast.bob.token)
    const set = await setAvatar(cast.bob.id, avatar.id, cast.bob.token)
    expect(set.status, JSON.stringify(set.body)).toBe(200)
    const res = await avatarOf(cast.bob.id, cast.carol.token)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/png')
    expect(res.headers.get('cache-control')).toBe('private, max-age=300')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await sharp(res.bytes).metadata()).toMatchObject({ width: 128, height: 128, format: 'png' })
    expect((await avatarOf(cast.bob.id)).status).toBe(401)
    expect((await avatarOf(999999, cast.carol.token)).status).toBe(404)
    expect((await api(server.url).get('/api/users/abc/avatar', cast.carol.token)).status).toBe(404)
  })

  it('its document and files are the uploader’s and admins’ only: others use /api/users/:id/avatar', async () => {
    const avatar = await newAvatar(cast.alice.token)
    expect((await setAvatar(cast.alice.id, avatar.id, cast.alice.token)).status).toBe(200)
    expect((await api(server.url).get(`/api/avatars/${avatar.id}`, cast.bob.token)).status).toBe(404)
    const list = await api(server.url).get(`/api/avatars?where[uploadedBy][equals]=${cast.alice.id}`, cast.bob.token)
    expect(list.status).toBe(200)
    expect(list.body.docs).toEqual([])
    expect((await getFile(server.url, avatar.url, cast.bob.token)).status).toBe(403)
    expect((await getFile(server.url, avatar.sizes.thumbnail.url!, cast.bob.token)).status).toBe(403)
    for (const reader of [cast.alice, cast.admin]) {
      expect((await api(server.url).get(`/api/avatars/${avatar.id}`, reader.token)).status).toBe(200)
      expect((await getFile(server.url, avatar.url, reader.token)).status).toBe(200)
    }
    expect((await avatarOf(cast.alice.id, cast.bob.token)).status).toBe(200)
  })

  it("cannot be someone else's upload, not even set by an admin (400)", async () => {
    const bobs = await newAvatar(cast.bob.token)
    const byAlice = await setAvatar(cast.alice.id, bobs.id, cast.alice.token)
    expect(byAlice.status).toBe(400)
    expect(JSON.stringify(byAlice.body)).toMatch(/an image this user uploaded/)
    expect((await setAvatar(cast.alice.id, bobs.id, cast.admin.token)).status).toBe(400)
    expect((await setAvatar(cast.alice.id, 999999, cast.alice.token)).status).toBe(400)
    // Nor may anyone set another member's avatar at all.
    expect((await setAvatar(cast.bob.id, bobs.id, cast.alice.token)).status).toBe(403)
  })

  it('replaced or cleared, the old one is deleted with its files; an admin may clear anyone’s', async () => {
    const first = await newAvatar(cast.carol.token)
    const second = await newAvatar(cast.carol.token)
    expect((await setAvatar(cast.carol.id, first.id, cast.carol.token)).status).toBe(200)
    expect((await setAvatar(cast.carol.id, second.id, cast.carol.token)).status).toBe(200)
    expect(onDisk(env.uploadsDir, 'avatars', first.filename)).toBe(false)
    expect(onDisk(env.uploadsDir, 'avatars', first.sizes.thumbnail.filename)).toBe(false)
    expect((await server.payload.count({ collection: 'avatars', where: { id: { equals: first.id } } })).totalDocs).toBe(0)
    const cleared = await setAvatar(cast.carol.id, null, cast.admin.token)
    expect(cleared.status).toBe(200)
    expect((await avatarOf(cast.carol.id, cast.alice.token)).status).toBe(404)
    expect(onDisk(env.uploadsDir, 'avatars', second.filename)).toBe(false)
  })

  it('a small image is served as it is (no thumbnail to make)', async () => {
    const dave = await api(server.url).signUp('Dave', 'dave@test.io')
    const tiny = await newAvatar(dave.token, 64)
    expect((await setAvatar(dave.id, tiny.id, dave.token)).status).toBe(200)
    const res = await avatarOf(dave.id, cast.alice.token)
    expect(res.status).toBe(200)
    expect(await sharp(res.bytes).metadata()).toMatchObject({ width: 64, height: 64 })
  })
})

describe('the rest of a profile, as the client changes it', () => {
  it('a new display name, and a new password with the current one', async () => {
    const erin = await api(server.url).signUp('Erin', 'erin@test.io', 'first-password')
    const renamed = await api(server.url).patch(`/api/users/${erin.id}`, { name: '  Erin B.  ' }, erin.token)
    expect(renamed.status).toBe(200)
    expect(renamed.body.doc.name).toBe('Erin B.')
    const without = await api(server.url).patch(`/api/users/${erin.id}`, { password: 'second-password' }, erin.token)
    expect(without.status).toBe(400)
    const wrong = await api(server.url).patch(`/api/users/${erin.id}`, { password: 'second-password', currentPassword: 'nope-nope' }, erin.token)
    expect(wrong.status).toBe(403)
    const changed = await api(server.url).patch(`/api/users/${erin.id}`, { password: 'second-password', currentPassword: 'first-password' }, erin.token)
    expect(changed.status).toBe(200)
    await expect(api(server.url).login('erin@test.io', 'second-password')).resolves.toMatchObject({ id: erin.id })
  })
})
