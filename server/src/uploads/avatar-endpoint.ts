// GET /api/users/:id/avatar: a user's profile picture (its 128-pixel thumbnail) for anyone logged
// in, as they see the user's name; 404 when the user has none (clients show initials) or does not
// exist. The bytes themselves, so an <img src> needs nothing else.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Endpoint } from 'payload'

import { loggedInUser } from '../access/authenticated'
import { isId } from '../db/ids'
import { env } from '../env'
import { jsonError } from '../http/error-body.mjs'
import { refId, type Ref } from '../moderation/refs'
import type { Avatar } from '../payload-types'

const noAvatar = () => jsonError(404, 'This user has no avatar.')

export const avatarEndpoint: Endpoint = {
  path: '/:id/avatar',
  method: 'get',
  handler: async (req) => {
    loggedInUser(req)
    const id = req.routeParams?.id
    if (!isId(id)) return noAvatar()
    const user = await req.payload.db.findOne({ collection: 'users', where: { id: { equals: Number(id) } }, req })
    const avatarId = refId((user as { avatar?: Ref } | null)?.avatar)
    if (avatarId === null) return noAvatar()
    const avatar = (await req.payload.db.findOne({ collection: 'avatars', where: { id: { equals: avatarId } }, req })) as Avatar | null
    // An image smaller than the thumbnail has none: the original is small already.
    const thumbnail = avatar?.sizes?.thumbnail
    const file = thumbnail?.filename ? thumbnail : avatar
    if (!file?.filename) return noAvatar()
    const bytes = await readFile(path.join(env.uploadsDir, 'avatars', path.basename(file.filename))).catch(() => null)
    if (!bytes) return noAvatar()
    return new Response(new Uint8Array(bytes), {
      headers: {
        'Content-Type': file.mimeType ?? 'application/octet-stream',
        'Content-Length': String(bytes.byteLength),
        'Cache-Control': 'private, max-age=300',
        'X-Content-Type-Options': 'nosniff',
      },
    })
  },
}
