// A separate process writing to the same SQLite file with raw SQL, as a script or a second
// server would: it does not go through this server, so only the change feed can tell it.
// Usage: node external-writer.mjs <db file> <sender id> <receiver id> <count> [prefix] [one-transaction]
import { createClient } from '@libsql/client'

const [file, sender, receiver, count, prefix = 'external', mode] = process.argv.slice(2)
const client = createClient({ url: `file:${file}` })
await client.execute('PRAGMA busy_timeout = 5000')
const insert = (i) => {
  const now = new Date().toISOString()
  return {
    sql: `INSERT INTO messages (sender_id, receiver_id, content, timestamp, updated_at, created_at)
          VALUES (?, ?, ?, ?, ?, ?)`,
    args: [Number(sender), Number(receiver), `${prefix} ${i}`, now, now, now],
  }
}
const statements = Array.from({ length: Number(count) }, (_, i) => insert(i))
if (mode === 'one-transaction') await client.batch(statements, 'write')
else for (const statement of statements) await client.execute(statement)
client.close()
