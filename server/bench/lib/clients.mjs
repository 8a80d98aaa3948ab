// The load generator: users, raw-HTTP SSE subscribers and REST senders. Lean on purpose: it
// shares two cores with the server, so it parses only the send time out of each event.
import http from 'node:http'

const json = { 'content-type': 'application/json' }
const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 64 })

function request(url, { method = 'GET', headers = {}, body, agent = keepAlive } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (d) => (text += d))
      res.on('end', () => resolve({ status: res.statusCode, text }))
    })
    req.on('error', reject)
    if (body) req.end(body)
    else req.end()
  })
}

async function inBatches(items, size, fn) {
  const out = []
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(fn))))
  return out
}

export async function createUsers(url, count) {
  return inBatches(Array.from({ length: count }, (_, i) => i), 8, async (i) => {
    const email = `bench${i}@bench.local`
    const password = 'bench-password'
    const signUp = await request(`${url}/api/users`, { method: 'POST', headers: json, body: JSON.stringify({ name: `Bench ${i}`, email, password }) })
    if (signUp.status !== 201) throw new Error(`sign-up ${signUp.status}: ${signUp.text}`)
    const login = await request(`${url}/api/users/login`, { method: 'POST', headers: json, body: JSON.stringify({ email, password }) })
    const { token, user } = JSON.parse(login.text)
    return { id: user.id, token }
  })
}

const MESSAGE = /"content":"bench:(\d+):(\d+)"/g

// One SSE stream on a socket of its own: `onFrames` gets each run of complete frames (the text up
// to the last blank line) as it arrives. Resolves with the request once the server said `ready`.
export function openBenchStream(url, token, onFrames) {
  return new Promise((resolve, reject) => {
    let buffer = ''
    let ready = false
    const req = http.get(`${url}/api/messages/sse`, { agent: false, headers: { authorization: `JWT ${token}` } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`stream ${res.statusCode}`))
      res.setEncoding('utf8')
      res.on('data', (chunk) => {
        buffer += chunk
        const end = buffer.lastIndexOf('\n\n')
        if (end < 0) return
        const complete = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        if (!ready && complete.includes('event: ready')) {
          ready = true
          resolve(req)
        }
        onFrames(complete)
      })
    })
    req.on('error', (error) => (ready ? undefined : reject(error)))
  })
}

// One socket per subscriber. Every delivery of message `seq` is recorded once per subscriber;
// repeats count as duplicates.
export async function openSubscribers(url, users, count, onDelivery) {
  return inBatches(Array.from({ length: count }, (_, i) => i), 200, async (i) => {
    const user = users[i % users.length]
    let seen = new Uint8Array(1024)
    const subscriber = { userId: user.id, duplicates: 0, request: null }
    subscriber.request = await openBenchStream(url, user.token, (frames) => {
      const now = Date.now()
      for (const match of frames.matchAll(MESSAGE)) {
        const seq = Number(match[1])
        if (seq >= seen.length) {
          const grown = new Uint8Array(Math.max(seq + 1, seen.length * 2))
          grown.set(seen)
          seen = grown
        }
        if (seen[seq]) subscriber.duplicates++
        else {
          seen[seq] = 1
          onDelivery(now - Number(match[2]))
        }
      }
    })
    return subscriber
  })
}

// One room with every given user as a member (the `--room` mode), written straight into the
// server's database (`databaseUri`: a SQLite file or PostgreSQL) as any writer could: the feed's
// triggers record each membership. Returns the room's id.
export async function createRoomOf(databaseUri, users) {
  const joinedAt = new Date().toISOString()
  if (/^postgres(ql)?:\/\//.test(databaseUri)) {
    const { default: pg } = await import('pg')
    const db = new pg.Client({ connectionString: databaseUri })
    await db.connect()
    try {
      const room = await db.query(`INSERT INTO rooms (name, visibility) VALUES ('bench room', 'public') RETURNING id`)
      const roomId = Number(room.rows[0].id)
      await db.query(
        `INSERT INTO room_memberships (room_id, user_id, role, joined_at)
         SELECT $1, u.id, (CASE WHEN u.n = 1 THEN 'owner' ELSE 'member' END)::enum_room_memberships_role, $3
         FROM unnest($2::int[]) WITH ORDINALITY AS u(id, n)`,
        [roomId, users.map((user) => user.id), joinedAt],
      )
      return roomId
    } finally {
      await db.end()
    }
  }
  const { createClient } = await import('@libsql/client')
  const db = createClient({ url: databaseUri })
  try {
    await db.execute('PRAGMA busy_timeout = 5000')
    const room = await db.execute(`INSERT INTO rooms (name, visibility) VALUES ('bench room', 'public')`)
    const roomId = Number(room.lastInsertRowid)
    await db.batch(
      users.map((user, i) => ({
        sql: `INSERT INTO room_memberships (room_id, user_id, role, joined_at) VALUES (?, ?, ?, ?)`,
        args: [roomId, user.id, i === 0 ? 'owner' : 'member', joinedAt],
      })),
      'write',
    )
    return roomId
  } finally {
    db.close()
  }
}

// Posts messages from the senders at `rate` per second (or as fast as `concurrency` allows when
// rate is 0) for `seconds`. Each message carries its sequence number and send time.
// With `room`, every message goes to that room instead of a DM.
export async function sendMessages(url, { senders, users, rate, concurrency, seconds, room }) {
  const results = { sent: [], failed: 0, statuses: {} }
  let seq = 0
  const started = Date.now()
  const sendOne = async () => {
    const mine = seq++
    const sender = senders[mine % senders.length]
    let receiver = users[(mine * 7919 + 13) % users.length]
    if (receiver.id === sender.id) receiver = users[(users.indexOf(receiver) + 1) % users.length]
    const to = room === undefined ? { receiver: receiver.id } : { room }
    const body = JSON.stringify({ ...to, content: `bench:${mine}:${Date.now()}` })
    const res = await request(`${url}/api/messages?depth=0`, { method: 'POST', headers: { ...json, authorization: `JWT ${sender.token}` }, body }).catch(() => ({ status: 0 }))
    results.statuses[res.status] = (results.statuses[res.status] ?? 0) + 1
    if (res.status === 201) results.sent.push({ seq: mine, sender: sender.id, receiver: room === undefined ? receiver.id : null })
    else results.failed++
  }
  const inFlight = new Set()
  const track = (promise) => (inFlight.add(promise), promise.finally(() => inFlight.delete(promise)))
  if (rate > 0) {
    while (Date.now() - started < seconds * 1000) {
      const due = Math.floor(((Date.now() - started) / 1000) * rate)
      while (seq < due) track(sendOne())
      await new Promise((r) => setTimeout(r, 2))
    }
  } else {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (Date.now() - started < seconds * 1000) await sendOne()
      }),
    )
  }
  await Promise.all(inFlight)
  results.elapsedSeconds = (Date.now() - started) / 1000
  return results
}
