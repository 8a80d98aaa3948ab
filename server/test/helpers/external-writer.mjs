// A separate process writing to the test's database with raw SQL, as a script or a second
// server would: it does not go through this server, so only the change feed can tell it.
// Usage: node external-writer.mjs <DATABASE_URI> <sender id> <receiver id | room:<room id>> <count> [prefix]
//   [one-transaction | pace:<ms>]   (pace: a commit each, this long apart, as people typing would)
import { connectElsewhere } from './external-sql.mjs'

const [url, sender, receiver, count, prefix = 'external', mode] = process.argv.slice(2)
const db = await connectElsewhere(url)
// A DM, or a room message (`room:<id>`: a row with a room and no receiver).
const column = receiver.startsWith('room:') ? 'room_id' : 'receiver_id'
const to = Number(receiver.replace('room:', ''))
const insert = (i) => {
  const now = new Date().toISOString()
  return {
    sql: `INSERT INTO messages (sender_id, ${column}, content, timestamp, updated_at, created_at)
          VALUES (?, ?, ?, ?, ?, ?)`,
    args: [Number(sender), to, `${prefix} ${i}`, now, now, now],
  }
}
const statements = Array.from({ length: Number(count) }, (_, i) => insert(i))
const pauseMs = mode?.startsWith('pace:') ? Number(mode.slice('pace:'.length)) : 0
if (mode === 'one-transaction') await db.transaction(statements)
else {
  for (const { sql, args } of statements) {
    await db.execute(sql, args)
    if (pauseMs) await new Promise((resolve) => setTimeout(resolve, pauseMs))
  }
}
await db.close()
