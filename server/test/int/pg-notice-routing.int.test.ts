// NOTIFY routed by what changed (issue #16): every notice on the feed's channel says its kind
// (src/db/postgres/notices.ts), and the commit signal wakes only the follower with something to
// read. A message (a feed batch) must not cost every process a revocation read and a presence
// read; a revocation and a presence write still wake their own follower. Each kind's notice is
// sent by the real writer of that kind (the sequencer's function, a revocation, a typing notice).
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest'

import type { CommitKind } from '../../src/db/cross-process'
import { postgresPool } from '../../src/db/postgres/client'
import { sequence } from '../../src/db/postgres/sequencer'
import { type PgFeedHarness, startPgFeedHarness } from '../helpers/pg-feed-harness'
import { createTestDatabase } from '../helpers/postgres'

const server = inject('postgresUrl')
if (server) process.env.DATABASE_URI = await createTestDatabase(server)
// The revocation follower's fallback read would otherwise come every 15 s, whatever woke it.
process.env.SSE_SESSION_CHECK_MS = '3600000'

describe.skipIf(!server)('NOTIFY routed by kind on PostgreSQL', () => {
  // Payload booted on this file's database, with its commit signal and followers running.
  let started: PgFeedHarness | undefined
  const harness = () => started ?? expect.unreachable('the harness did not start')
  beforeAll(async () => void (started = await startPgFeedHarness(4)))
  afterAll(async () => started?.stop())

  const db = () => import('../../src/db')
  // A feed batch: a change row written, then sequenced (one NOTIFY, its last position).
  const feedWrite = async (content: string) => {
    const { pool, payload, alice, bob } = harness()
    await pool.query(`INSERT INTO messages (sender_id, receiver_id, content) VALUES ($1, $2, $3)`, [alice, bob, content])
    expect(await sequence(postgresPool(payload), { wait: true })).toBeGreaterThan(0)
  }
  const revocation = async () => (await db()).crossProcessOf(harness().payload).revoke({ kind: 'changed', userId: String(harness().alice) })
  const presenceWrite = async () => {
    const { payload, alice, bob } = harness()
    await (await db()).presenceDbOf(payload).typing(alice, JSON.stringify({ user: alice, to: { kind: 'dm', peer: bob } }))
  }

  it('each kind of notice wakes its own kind only, in the order sent', async () => {
    const seen: CommitKind[] = []
    const stop = (await db()).crossProcessOf(harness().payload).watchCommits((kind) => seen.push(kind), 5)
    try {
      // The LISTEN connection's first wake is every kind (whatever was notified before it).
      await vi.waitFor(() => expect(new Set(seen)).toEqual(new Set(['feed', 'revocation', 'presence'])), { timeout: 10_000 })
      seen.length = 0
      // Each step waits for exactly the kinds so far: a notice that woke another kind too shows
      // as an extra entry at that step or, arriving late, at the next one.
      await feedWrite('routed')
      await vi.waitFor(() => expect(seen).toEqual(['feed']), { timeout: 10_000 })
      await revocation()
      await vi.waitFor(() => expect(seen).toEqual(['feed', 'revocation']), { timeout: 10_000 })
      await presenceWrite()
      await vi.waitFor(() => expect(seen).toEqual(['feed', 'revocation', 'presence']), { timeout: 10_000 })
      // A last feed notice after them: once it is seen, everything sent before it was handled.
      await feedWrite('routed again')
      await vi.waitFor(() => expect(seen).toEqual(['feed', 'revocation', 'presence', 'feed']), { timeout: 10_000 })
    } finally {
      stop()
    }
  })

  // The process's own followers (started by onInit: the commit signal is on by default on
  // PostgreSQL), counted by their reads on its pool.
  it("a feed write runs neither the revocation follower's read nor the presence follower's", async () => {
    const spy = vi.spyOn(postgresPool(harness().payload), 'query')
    const reads = (table: string) =>
      spy.mock.calls.filter((call) => {
        const text = typeof call[0] === 'string' ? call[0] : String((call[0] as { text?: string }).text)
        return text.includes(`FROM ${table} WHERE id >`)
      }).length
    try {
      await feedWrite('not for the other followers')
      // Notices arrive in commit order: once the presence follower has read for the typing notice
      // sent after the feed's, the feed's notice has been handled too.
      await presenceWrite()
      await vi.waitFor(() => expect(reads('presence_events')).toBeGreaterThan(0), { timeout: 10_000 })
      expect(reads('auth_revocations')).toBe(0)
      const presenceReads = reads('presence_events')
      // And a revocation wakes its follower, not the presence follower.
      await revocation()
      await vi.waitFor(() => expect(reads('auth_revocations')).toBeGreaterThan(0), { timeout: 10_000 })
      expect(reads('presence_events')).toBe(presenceReads)
    } finally {
      spy.mockRestore()
    }
  })
})
