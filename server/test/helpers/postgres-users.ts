// Users on a PostgreSQL test database, written through the adapter (no collection hooks) with a
// password Payload's login accepts (its legacy pbkdf2 form: 25,000 rounds, fast in tests). Why not
// REST sign-up: until the rooms' raw SQL is ported to the dialect-neutral seam (the pg-sql branch),
// sign-up's join to `general` (rooms/general-room.ts) speaks SQLite only.
import { pbkdf2Sync, randomBytes } from 'node:crypto'
import type { Payload } from 'payload'

import { api } from './api'

export async function insertUser(payload: Payload, name: string, password = 'password-123'): Promise<{ id: number; email: string }> {
  const salt = randomBytes(32).toString('hex')
  const hash = pbkdf2Sync(password, salt, 25000, 512, 'sha256').toString('hex')
  const email = `${name.toLowerCase()}-${randomBytes(4).toString('hex')}@example.com`
  const doc = await payload.db.create({ collection: 'users', data: { name, email, role: 'member', salt, hash } })
  return { id: Number(doc.id), email }
}

// A user inserted, then logged in over REST: the same shape as fixtures' actors.
export async function insertActor(payload: Payload, baseUrl: string, name: string) {
  const { email } = await insertUser(payload, name)
  return api(baseUrl).login(email)
}
