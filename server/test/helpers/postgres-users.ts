// Users on a PostgreSQL test database, inserted with SQL (no collection hooks) with a password
// Payload's login accepts (its legacy pbkdf2 form: 25,000 rounds, fast in tests). Why not REST
// sign-up: until the rooms' raw SQL is ported to the dialect-neutral seam (the pg-sql branch),
// sign-up's join to `general` (rooms/general-room.ts) speaks SQLite only.
import { pbkdf2Sync, randomBytes } from 'node:crypto'
import pg from 'pg'

import { api } from './api'

export async function insertUser(databaseUrl: string, name: string, password = 'password-123'): Promise<{ id: number; email: string }> {
  const salt = randomBytes(32).toString('hex')
  const hash = pbkdf2Sync(password, salt, 25000, 512, 'sha256').toString('hex')
  const email = `${name.toLowerCase()}-${randomBytes(4).toString('hex')}@example.com`
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const { rows } = await client.query(`INSERT INTO users (name, email, role, salt, hash) VALUES ($1, $2, 'member', $3, $4) RETURNING id`, [
      name,
      email,
      salt,
      hash,
    ])
    return { id: Number(rows[0].id), email }
  } finally {
    await client.end()
  }
}

// A user inserted, then logged in over REST: the same shape as the fixtures' actors.
export async function insertActor(databaseUrl: string, baseUrl: string, name: string) {
  const { email } = await insertUser(databaseUrl, name)
  return api(baseUrl).login(email)
}
