// Cross-process needs on PostgreSQL (../cross-process.ts). The commit signal is a connection of its
// own that LISTENs on the feed's channel: the sequencer NOTIFYs once per batch it sequenced
// (./sequencer.ts), so a write on any instance, once the poll of the instance that took it has
// sequenced it, wakes every other instance's poller. A hint only: NOTIFY is not replayed (a
// process that was reconnecting misses it), so the poll stays the source of truth; after a
// reconnect the process is woken once to catch up. A local write is sequenced by this process at
// once and NOTIFYed to the others (realtime/runtime.ts wakeRealtime → ChangeFeed.afterWrite).
// Each notice says its kind (./notices.ts) and wakes only its own follower: a message (the bulk of
// the notices) no longer costs every process a revocation read and a presence read.
//
// Revocations are rows of `auth_revocations` (./feed-schema.ts), followed by id. Each insert takes
// an advisory lock before its id, held to its commit, so ids commit in order and the follower's
// cursor skips none (logouts are rare: serialising them costs nothing). A revocation NOTIFYs too,
// once per logout: the feed's sequencer would not, as it writes no change row.
import pg from 'pg'
import type { Payload } from 'payload'

import { COMMIT_KINDS, type CommitKind, type CrossProcess, toRevocation } from '../cross-process'
import { postgresPool } from './client'
import { FEED_CHANNEL, kindsOfNotice, REVOCATION_NOTICE } from './notices'

const REVOCATION_LOCK = 7_302_116_003
const RECONNECT_MS = 1000
// A connection cut without a FIN or RST (a NAT or balancer idle timeout, a failover) emits no
// `error` or `end`: TCP keepalive and a cheap query on the LISTEN connection this often, answered
// within CHECK_TIMEOUT_MS, find it; connecting is bounded the same way.
const CHECK_EVERY_MS = 15_000
const CHECK_TIMEOUT_MS = 5_000
export const LISTENER_NAME = 'chat-feed-listener'

// A LISTEN connection that comes back after an error, an end or a failed check (the server
// restarted, the connection was cut or went silent), LISTENs again and wakes every kind once to
// read what was notified meanwhile.
function listen(databaseUrl: string, onNotify: (kinds: readonly CommitKind[]) => void, logError: (error: unknown) => void): () => void {
  let stopped = false
  let client: pg.Client | null = null
  let retry: NodeJS.Timeout | null = null
  let check: NodeJS.Timeout | null = null
  const connect = async () => {
    retry = null
    const next = new pg.Client({
      connectionString: databaseUrl,
      // Named, so an operator (and the tests) can tell it in pg_stat_activity.
      application_name: LISTENER_NAME,
      keepAlive: true,
      connectionTimeoutMillis: CHECK_TIMEOUT_MS,
      query_timeout: CHECK_TIMEOUT_MS,
    })
    client = next
    const lost = (error?: unknown) => {
      if (error) logError(error)
      next.removeAllListeners()
      // A late error of the detached client must not be an unhandled 'error' event.
      next.on('error', () => {})
      next.end().catch(() => {})
      if (stopped || client !== next) return
      client = null
      if (check) clearInterval(check)
      check = null
      retry = setTimeout(() => void connect(), RECONNECT_MS)
      retry.unref()
    }
    next.on('notification', (notice) => onNotify(kindsOfNotice(notice.payload)))
    next.on('error', lost)
    next.on('end', () => lost())
    try {
      await next.connect()
      await next.query(`LISTEN ${FEED_CHANNEL}`)
      if (stopped || client !== next) return
      check = setInterval(() => void next.query('SELECT 1').catch(lost), CHECK_EVERY_MS)
      check.unref()
      // Whatever was notified while this connection was down is read now.
      onNotify(COMMIT_KINDS)
    } catch (error) {
      lost(error)
    }
  }
  void connect()
  return () => {
    stopped = true
    if (retry) clearTimeout(retry)
    if (check) clearInterval(check)
    const current = client
    client = null
    current?.removeAllListeners()
    current?.on('error', () => {})
    current?.end().catch(() => {})
  }
}

export function postgresCrossProcess(payload: Payload, databaseUrl: string): CrossProcess {
  const query = <R extends pg.QueryResultRow>(text: string, values: unknown[] = []) => postgresPool(payload).query<R>(text, values)
  return {
    watchCommits(onCommit, everyMs) {
      // At most one wake per kind per `everyMs`: a burst of notices of a kind is one read.
      const throttles = new Map<CommitKind, { pending: NodeJS.Timeout | null; last: number }>()
      const wake = (kind: CommitKind) => {
        let throttle = throttles.get(kind)
        if (!throttle) throttles.set(kind, (throttle = { pending: null, last: 0 }))
        if (throttle.pending) return
        const current = throttle
        current.pending = setTimeout(
          () => {
            current.pending = null
            current.last = Date.now()
            onCommit(kind)
          },
          Math.max(0, current.last + everyMs - Date.now()),
        )
        current.pending.unref()
      }
      const stop = listen(
        databaseUrl,
        (kinds) => kinds.forEach(wake),
        (error) => payload.logger.warn({ err: error }, 'feed LISTEN connection lost; reconnecting'),
      )
      return () => {
        for (const { pending } of throttles.values()) if (pending) clearTimeout(pending)
        stop()
      }
    },
    async revoke(change) {
      // The lock is taken before the id (the SELECT feeds the insert), and kept to the commit.
      await query(
        `WITH locked AS (SELECT pg_advisory_xact_lock($5)),
              written AS (INSERT INTO auth_revocations (kind, user_id, session_ids, revoked_at)
                          SELECT $1, $2, $3, $4 FROM locked RETURNING id)
         SELECT pg_notify('${FEED_CHANNEL}', '${REVOCATION_NOTICE}') FROM written`,
        [change.kind, change.userId, change.kind === 'sessions' ? JSON.stringify(change.sessionIds) : null, Date.now(), REVOCATION_LOCK],
      )
    },
    async latestRevocation() {
      const { rows } = await query<{ latest: string }>(`SELECT COALESCE(MAX(id), 0) AS latest FROM auth_revocations`)
      return Number(rows[0]?.latest ?? 0)
    },
    async revocationsAfter(cursor) {
      const { rows } = await query<{ id: string; kind: string; user_id: string; session_ids: string | null }>(
        'SELECT id, kind, user_id, session_ids FROM auth_revocations WHERE id > $1 ORDER BY id',
        [cursor],
      )
      return rows.map(toRevocation)
    },
    async pruneRevocations(olderThanMs) {
      const result = await query('DELETE FROM auth_revocations WHERE revoked_at < $1', [Date.now() - olderThanMs])
      return result.rowCount ?? 0
    },
  }
}
