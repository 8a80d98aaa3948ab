// Writes messages to the test database from a separate process with raw SQL, as a script or a
// second server would: nothing goes through this process, so only the change feed can tell.
// SQLite or PostgreSQL, whichever the test runs on (DATABASE_URI, ./test-env.ts).
import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'

import { connectElsewhere } from './external-sql.mjs'

const writer = path.join(import.meta.dirname, 'external-writer.mjs')

export async function writeFromAnotherProcess(options: {
  sender: number
  // A DM's receiver, or `room:<id>` for messages to a room.
  receiver: number | `room:${number}`
  count: number
  // Each message's content is `${prefix} ${i}`.
  prefix: string
  // All in one transaction (one commit for the lot) instead of one commit each.
  oneTransaction?: boolean
  // A commit each, this many ms apart.
  paceMs?: number
}): Promise<void> {
  const { sender, receiver, count, prefix, oneTransaction, paceMs } = options
  const args = [writer, process.env.DATABASE_URI!, String(sender), String(receiver), String(count), prefix]
  if (oneTransaction) args.push('one-transaction')
  else if (paceMs) args.push(`pace:${paceMs}`)
  await promisify(execFile)(process.execPath, args)
}

// Ends every login session of a user straight in the database, as another server process (a
// logout or password reset there) or an expiry would: this process hears nothing of it.
export async function endSessionsElsewhere(userId: number): Promise<void> {
  await executeElsewhere('DELETE FROM users_sessions WHERE _parent_id = ?', [userId])
}

// Suspends a user straight in the database, leaving their sessions in place.
export async function suspendElsewhere(userId: number): Promise<void> {
  await executeElsewhere('UPDATE users SET suspended = TRUE WHERE id = ?', [userId])
}

// Makes an admin a member straight in the database: this process's cached login still says admin.
export async function demoteElsewhere(userId: number): Promise<void> {
  await executeElsewhere("UPDATE users SET role = 'member' WHERE id = ?", [userId])
}

async function executeElsewhere(sql: string, args: number[]): Promise<void> {
  const db = await connectElsewhere(process.env.DATABASE_URI!)
  try {
    await db.execute(sql, args)
  } finally {
    await db.close()
  }
}
