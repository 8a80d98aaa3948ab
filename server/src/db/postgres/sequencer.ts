// The sequencer: gives committed change rows their feed positions, after their commit.
//
// Writers insert change rows with `position` NULL (./feed-schema.ts). Before each read, the
// reading process runs one short transaction: if it gets the advisory lock, every row still
// without a position gets the next ones in insert order, the membership periods' bounds follow
// their change rows into position space, and one NOTIFY tells the other processes; commit.
// Readers only ever read `position > cursor`, in position order.
//
// Why this is commit-order safe: sequencing transactions are serialised by the lock (released at
// commit, after the commit is visible), and each statement runs on a fresh snapshot (READ
// COMMITTED) that sees every row committed before it. A row whose writer commits late is not in
// any snapshot until then, so it is simply sequenced later, with a position larger than any given
// before: no reader can have moved past it. Positions become visible all at once (one commit), in
// increasing order across batches.
//
// Why not the other known methods:
// - xid8 (`pg_current_xact_id()` on each row, read only below `pg_snapshot_xmin(pg_current_snapshot())`,
//   cursor = (xid, id)): the cursor becomes a pair through the whole realtime layer and the
//   client (SSE ids, Last-Event-ID, membersAt, counts), and one transaction left open (a hung
//   request, a paused script) holds every reader of every instance back until
//   idle_in_transaction_session_timeout ends it: the feed stalls for everyone.
// - An advisory lock taken by every writer: writers are serialised on the write path.
// Here no writer waits for anything, a stuck writer holds back only its own rows, and the cursor
// stays a number (nothing in realtime/ or the client changes). The price: one small transaction
// per read (an index probe when nothing is pending) and one UPDATE per change row.
//
// One NOTIFY per batch, never per write: NOTIFY takes a database-wide lock at commit (to queue
// the notification in commit order), which would serialise every writing transaction's commit.
import type { Pool, PoolClient } from 'pg'

// pg_try_advisory_xact_lock's key: any constant no other code of this database uses.
export const SEQUENCER_LOCK = 7_302_116_001
// The channel every process LISTENs on (./cross-process.ts); the payload is the last position.
export const FEED_CHANNEL = 'chat_feed'

// Numbers the pending rows in insert order: since PostgreSQL 9.6 a volatile function of the select
// list (nextval) is evaluated after the ORDER BY, so positions follow ids.
const NUMBER_PENDING = `WITH numbered AS (
    SELECT id, nextval('feed_position') AS position FROM message_changes WHERE position IS NULL ORDER BY id
  )
  UPDATE message_changes c SET position = numbered.position FROM numbered WHERE c.id = numbered.id
  RETURNING c.position`

// Each statement's own snapshot: a period committed after NUMBER_PENDING ran waits for its change
// row's position (still NULL here) to be given by a later batch.
const PERIODS_TO_POSITIONS = [
  `UPDATE room_member_periods p SET joined_position = c.position FROM message_changes c
   WHERE p.joined_position IS NULL AND c.id = p.joined_change AND c.position IS NOT NULL`,
  `UPDATE room_member_periods p SET left_position = c.position FROM message_changes c
   WHERE p.left_position IS NULL AND p.left_change IS NOT NULL AND c.id = p.left_change AND c.position IS NOT NULL`,
]

export async function inTransaction<T>(client: PoolClient, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN')
  try {
    const result = await work()
    await client.query('COMMIT')
    return result
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  }
}

// How long a write's sequencing waits for another process's batch to end (pg_advisory_xact_lock)
// before it leaves the rows to the next batch or poll.
const WAIT_FOR_HOLDER = '1s'

// Sequences what is pending; returns how many rows got a position, or null when another process
// held the lock. `wait`: wait for that holder's batch to end, then sequence: the holder's snapshot
// may predate rows committed just now, and with nothing new to number it sends no NOTIFY, so a
// write that gave way to it would wait for somebody's poll.
export async function sequence(pool: Pool, { wait = false } = {}): Promise<number | null> {
  const client = await pool.connect()
  try {
    return await inTransaction(client, async () => {
      // Waiting only when the lock is taken (the common case is free: no queueing at all).
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS locked', [SEQUENCER_LOCK])
      if (!rows[0]?.locked) {
        if (!wait) return null
        await client.query(`SET LOCAL lock_timeout = '${WAIT_FOR_HOLDER}'`)
        await client.query('SELECT pg_advisory_xact_lock($1)', [SEQUENCER_LOCK])
      }
      const numbered = await client.query<{ position: string }>(NUMBER_PENDING)
      if (numbered.rowCount === 0) return 0
      for (const statement of PERIODS_TO_POSITIONS) await client.query(statement)
      const last = numbered.rows.reduce((max, row) => Math.max(max, Number(row.position)), 0)
      await client.query('SELECT pg_notify($1, $2)', [FEED_CHANNEL, String(last)])
      return numbered.rowCount ?? 0
    })
  } finally {
    client.release()
  }
}

// `sequence(pool, { wait: true })` for every caller of this process, single-flight: a call that
// arrives while one runs shares the next run (the running one may have started before the call's
// rows committed), so a reconnect storm of stream starts is two waits per process, not one each
// holding a pool connection.
const covering = new WeakMap<Pool, { running: Promise<unknown> | null; next: Promise<void> | null }>()

export function sequenceCovering(pool: Pool): Promise<void> {
  let state = covering.get(pool)
  if (!state) covering.set(pool, (state = { running: null, next: null }))
  const current = state
  const run = (): Promise<void> => {
    const done = sequence(pool, { wait: true }).then(() => undefined)
    current.running = done
    void done.catch(() => {}).finally(() => {
      if (current.running === done) current.running = null
    })
    return done
  }
  if (current.next) return current.next
  if (!current.running) return run()
  current.next = current.running.catch(() => {}).then(() => {
    current.next = null
    return run()
  })
  return current.next
}

// A write through this process (every write path: realtime/runtime.ts wakeRealtime): sequenced
// (and NOTIFYed to the others) now, whether or not this process has a stream open (its poller,
// which sequences before each read, runs only while it has). It waits for a batch another process
// is running rather than give way to it (see `sequence`). Coalesced: at most one run at a time,
// and one more for everything written during it.
const running = new WeakMap<Pool, { again: boolean }>()

// 55P03 lock_not_available: the holder outlasted WAIT_FOR_HOLDER (a stalled process); the next
// poll anywhere sequences the rows.
export const isLockTimeout = (error: unknown) => (error as { code?: string })?.code === '55P03'

export function sequenceSoon(pool: Pool, logError: (error: unknown) => void): void {
  const state = running.get(pool)
  if (state) {
    state.again = true
    return
  }
  const mine = { again: false }
  running.set(pool, mine)
  void (async () => {
    try {
      do {
        mine.again = false
        await sequence(pool, { wait: true })
      } while (mine.again)
    } catch (error) {
      if (!isLockTimeout(error)) logError(error)
    } finally {
      running.delete(pool)
    }
  })()
}
