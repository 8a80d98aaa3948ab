// The presence benchmark (`pnpm bench --presence`): N users, all in `general`, some in small rooms
// and DM pairs, come online one stream each; every `presence` event any stream receives is
// counted. By design one user coming online costs a delivery to each of their DM peers and
// small-room co-members already online, and nothing through `general` (over PRESENCE_ROOM_PUSH_MAX):
// the total must equal the number of such pairs, far below the N² a broadcast would cost.
//
// Users, memberships, DMs and login sessions are written straight into the server's SQLite file
// (sign-up and login hash a password each: 10,000 of them would take the bench half an hour), and
// each user's token is signed here with the server's secret, as Payload signs it.
import { createHmac, createHash, randomUUID } from 'node:crypto'

import { openBenchStream } from './clients.mjs'

const ROOM_SIZE = 5
const base64url = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url')

// Payload's JWT: HS256 with the first 32 hex characters of sha256(PAYLOAD_SECRET) as the key, and
// its format's version (JWT_AUTH_VERSION, 1 in Payload 3.90) in the protected header.
function signToken(secret, fields) {
  const key = createHash('sha256').update(secret).digest('hex').slice(0, 32)
  const now = Math.floor(Date.now() / 1000)
  const unsigned = `${base64url({ alg: 'HS256', authVersion: 1, typ: 'JWT' })}.${base64url({ ...fields, iat: now, exp: now + 4 * 3600 })}`
  return `${unsigned}.${createHmac('sha256', key).update(unsigned).digest('base64url')}`
}

// Writes the population; returns the users with tokens and the number of pairs who share a DM or
// a small room (each such pair is exactly one presence delivery when both come online).
export async function createPopulation(databaseFile, secret, { users: count, smallRoomUsers, dmPairs }) {
  const { createClient } = await import('@libsql/client')
  const db = createClient({ url: `file:${databaseFile}` })
  try {
    await db.execute('PRAGMA busy_timeout = 5000')
    const now = new Date().toISOString()
    const expires = new Date(Date.now() + 4 * 3600 * 1000).toISOString()
    const general = Number((await db.execute("SELECT id FROM rooms WHERE system_key = 'general'")).rows[0].id)
    const users = []
    for (let from = 0; from < count; from += 500) {
      const batch = Array.from({ length: Math.min(500, count - from) }, (_, i) => from + i)
      const inserted = await db.batch(
        batch.map((i) => ({ sql: 'INSERT INTO users (name, email, role) VALUES (?, ?, ?)', args: [`Presence ${i}`, `presence${i}@bench.local`, 'member'] })),
        'write',
      )
      const ids = inserted.map((r) => Number(r.lastInsertRowid))
      const sessions = ids.map(() => randomUUID())
      await db.batch(
        ids.flatMap((id, k) => [
          { sql: 'INSERT INTO users_sessions (_order, _parent_id, id, created_at, expires_at) VALUES (1, ?, ?, ?, ?)', args: [id, sessions[k], now, expires] },
          { sql: 'INSERT INTO room_memberships (room_id, user_id, role, joined_at, notify) VALUES (?, ?, ?, ?, ?)', args: [general, id, 'member', now, 'mentions'] },
        ]),
        'write',
      )
      ids.forEach((id, k) => users.push({ id, token: signToken(secret, { id, collection: 'users', email: `presence${batch[k]}@bench.local`, sid: sessions[k] }) }))
    }
    const pairs = new Set()
    const pair = (a, b) => pairs.add(a < b ? `${a}:${b}` : `${b}:${a}`)
    // Small rooms of ROOM_SIZE among the first `smallRoomUsers` users.
    for (let start = 0; start + ROOM_SIZE <= Math.min(smallRoomUsers, count); start += ROOM_SIZE) {
      const room = Number((await db.execute({ sql: "INSERT INTO rooms (name, visibility) VALUES (?, 'public')", args: [`small ${start / ROOM_SIZE}`] })).lastInsertRowid)
      const members = users.slice(start, start + ROOM_SIZE)
      await db.batch(
        members.map((u, i) => ({
          sql: 'INSERT INTO room_memberships (room_id, user_id, role, joined_at, notify) VALUES (?, ?, ?, ?, ?)',
          args: [room, u.id, i === 0 ? 'owner' : 'member', now, 'mentions'],
        })),
        'write',
      )
      for (const a of members) for (const b of members) if (a.id < b.id) pair(a.id, b.id)
    }
    // DM pairs between users far apart in the list (user i and user count-1-i).
    const dms = []
    for (let i = 0; i < Math.min(dmPairs, Math.floor(count / 2)); i++) {
      const [a, b] = [users[i], users[count - 1 - i]]
      dms.push({ sql: 'INSERT INTO messages (sender_id, receiver_id, content, mentions, timestamp, updated_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)', args: [a.id, b.id, 'hello', '[]', now, now, now] })
      pair(a.id, b.id)
    }
    if (dms.length) await db.batch(dms, 'write')
    return { users, sharedPairs: pairs.size }
  } finally {
    db.close()
  }
}

// One stream per user, opened `batch` at a time; counts the presence events each receives.
export async function bringOnline(url, users, batch = 200) {
  const streams = []
  for (let i = 0; i < users.length; i += batch) {
    await Promise.all(
      users.slice(i, i + batch).map(async (user) => {
        // `repeated`: the same user's same status twice on one stream (a real duplicate).
        const stream = { presence: 0, repeated: 0, seen: new Set(), request: null }
        streams.push(stream)
        stream.request = await openBenchStream(url, user.token, (frames) => {
          for (const match of frames.matchAll(/event: presence\ndata: (\{[^\n]*\})/g)) {
            const { user: who, status } = JSON.parse(match[1])
            stream.presence++
            if (stream.seen.has(`${who}:${status}`)) stream.repeated++
            stream.seen.add(`${who}:${status}`)
          }
        })
      }),
    )
  }
  return streams
}
