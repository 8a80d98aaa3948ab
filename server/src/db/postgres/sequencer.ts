// The sequencer: gives committed change rows their feed positions, after their commit.
//
// Writers insert change rows with `position` NULL (./feed-schema.ts). Before each read, the
// reading process runs one short transaction: if it gets the advisory lock, every row still
// without a position gets the next ones in insert order, the membership periods' bounds follow
// their change rows into position space, and one NOTIFY tells the other processes; commit.
// Readers only ever read `position > cursor`, in position order.
//
// That transaction is one statement, `SELECT chat_feed_sequence(wait)`, in autocommit: the
// function (SEQUENCE_FUNCTION below) does all of it server-side. A sequencing was seven round
// trips (BEGIN, the lock, the numbering, two period updates, the NOTIFY, COMMIT) after every
// write; it is one.
//
// Why this is commit-order safe: sequencing transactions are serialised by the lock (released at
// commit, after the commit is visible), and each statement runs on a fresh snapshot (READ
// COMMITTED) that sees every row committed before it. A row whose writer commits late is not in
// any snapshot until then, so it is simply sequenced later, with a position larger than any given
// before: no reader can have moved past it. Positions become visible all at once (one commit), in
// increasing order across batches. One statement keeps all of this: a statement outside a
// transaction block is its own transaction, so the xact lock is still held to the commit that
// makes the batch visible, and released only after it; and the function is VOLATILE, so each
// statement inside it takes a fresh snapshot (PostgreSQL's rule for volatile functions in READ
// COMMITTED), the numbering's taken after the lock was got, as the separate statements were.
//
// Why not the other known methods:
// - xid8 (`pg_current_xact_id()` on each row, read only below `pg_snapshot_xmin(pg_current_snapshot())`,
//   cursor = (xid, id)): the cursor becomes a pair through the whole realtime layer and the
//   client (SSE ids, Last-Event-ID, membersAt, counts), and one transaction left open (a hung
//   request, a paused script) holds every reader of every instance back until
//   idle_in_transaction_session_timeout ends it: the feed stalls for everyone.
// - An advisory lock taken by every writer: writers are serialised on the write path.
// Here no writer waits for anything, a stuck writer holds back only its own rows, and the cursor
// stays a number (nothing in realtime/ or the client changes). The price: one statement per read
// (an index probe when nothing is pending) and one UPDATE per change row.
//
// One NOTIFY per batch, never per write: NOTIFY takes a database-wide lock at commit (to queue
// the notification in commit order), which would serialise every writing transaction's commit.
import type { Pool } from 'pg'

import { FEED_CHANNEL } from './notices'

// pg_try_advisory_xact_lock's key: any constant no other code of this database uses.
export const SEQUENCER_LOCK = 7_302_116_001

// How long a write's sequencing waits for another process's batch to end (pg_advisory_xact_lock)
// before it leaves the rows to the next batch or poll.
const WAIT_FOR_HOLDER = '1s'

export const SEQUENCE_FUNCTION_NAME = 'chat_feed_sequence'

// Installed by migration 20261130_030000_sequencer_function and, when missing, at start
// (./change-feed.ts installPostgresFeed). Returns how many rows got a position, or NULL when
// another process held the lock and `wait` is false. `wait`: wait for that holder's batch to end
// (under lock_timeout: a holder that outlasts it surfaces as 55P03, `isLockTimeout`), then
// sequence: the holder's snapshot may predate rows committed just now, and with nothing new to
// number it sends no NOTIFY, so a write that gave way to it would wait for somebody's poll.
// Pending rows are numbered in id order: since PostgreSQL 9.6 a volatile function of the select
// list (nextval) is evaluated after the ORDER BY. Each period update has its own snapshot: a
// period committed after the numbering waits for its change row's position (still NULL here) to
// be given by a later batch. The payload of the NOTIFY is the batch's last position (a `feed`
// notice, ./notices.ts).
export const SEQUENCE_FUNCTION = `CREATE OR REPLACE FUNCTION ${SEQUENCE_FUNCTION_NAME}(wait boolean) RETURNS integer
  LANGUAGE plpgsql VOLATILE AS $fn$
  DECLARE
    batch_size integer;
    batch_last bigint;
  BEGIN
    IF NOT pg_try_advisory_xact_lock(${SEQUENCER_LOCK}) THEN
      IF NOT wait THEN RETURN NULL; END IF;
      PERFORM set_config('lock_timeout', '${WAIT_FOR_HOLDER}', true);
      PERFORM pg_advisory_xact_lock(${SEQUENCER_LOCK});
    END IF;
    WITH pending AS (
      SELECT id, nextval('feed_position') AS next_position FROM message_changes WHERE position IS NULL ORDER BY id
    ), numbered AS (
      UPDATE message_changes c SET position = pending.next_position FROM pending WHERE c.id = pending.id RETURNING c.position
    )
    SELECT count(*), max(numbered.position) INTO batch_size, batch_last FROM numbered;
    IF batch_size = 0 THEN RETURN 0; END IF;
    UPDATE room_member_periods p SET joined_position = c.position FROM message_changes c
      WHERE p.joined_position IS NULL AND c.id = p.joined_change AND c.position IS NOT NULL;
    UPDATE room_member_periods p SET left_position = c.position FROM message_changes c
      WHERE p.left_position IS NULL AND p.left_change IS NOT NULL AND c.id = p.left_change AND c.position IS NOT NULL;
    PERFORM pg_notify('${FEED_CHANNEL}', batch_last::text);
    RETURN batch_size;
  END;
  $fn$`

// Sequences what is pending: one statement on the pool (see SEQUENCE_FUNCTION).
export async function sequence(pool: Pool, { wait = false } = {}): Promise<number | null> {
  const { rows } = await pool.query<{ sequenced: number | null }>(`SELECT ${SEQUENCE_FUNCTION_NAME}($1) AS sequenced`, [wait])
  return rows[0]?.sequenced ?? null
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
