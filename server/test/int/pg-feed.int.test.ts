// The change feed on PostgreSQL is commit-order safe (src/db/postgres/sequencer.ts): a real
// cluster (test/helpers/postgres.ts), Payload booted on it, raw `pg` clients as writers.
// - late commit: a writer's transaction takes its change row's id first and commits last; a reader
//   following the feed meanwhile must neither skip its row nor get it twice.
// - concurrent sequencers (as several processes run them): positions unique, gap-free, in each
//   writer's commit order, no row sequenced twice; membership periods follow into position space.
import pg from 'pg'
import { describe, expect, inject, it } from 'vitest'

import type { ChangeEvent, ChangeFeed } from '../../src/db/change-feed'
import { insertDm, usePgFeedHarness } from '../helpers/pg-feed-harness'
import { createTestDatabase } from '../helpers/postgres'

const server = inject('postgresUrl')
// Before anything reads the environment (src/env.ts): this file's Payload runs on PostgreSQL.
if (server) process.env.DATABASE_URI = await createTestDatabase(server)

describe.skipIf(!server)('the change feed on PostgreSQL', () => {
  let feed: ChangeFeed
  let pool: pg.Pool
  let alice: number
  let bob: number

  usePgFeedHarness(8, (harness) => ({ feed, pool, alice, bob } = harness))

  const dm = (client: pg.Pool | pg.PoolClient, content: string) => insertDm(client, alice, bob, content)

  // Reads everything after `cursor` as the poller does, batch by batch.
  async function follow(cursor: number): Promise<{ events: ChangeEvent[]; cursor: number }> {
    const events: ChangeEvent[] = []
    for (;;) {
      const batch = await feed.read({ after: cursor, limit: 2 })
      events.push(...batch.events)
      if (batch.through !== null) cursor = batch.through
      if (!batch.full) return { events, cursor }
    }
  }
  const contents = (events: ChangeEvent[]) => events.map((event) => (event.type === 'message.created' ? event.data.content : event.type))

  it('delivers a row whose transaction commits late, once, after the rows committed before it', async () => {
    let cursor = await feed.latest()
    let deliveredThrough = 0
    const held = await pool.connect()
    try {
      await held.query('BEGIN')
      // Takes its change row's id now, before every other writer below.
      await dm(held, 'held')
      for (const content of ['one', 'two', 'three']) await dm(pool, content)
      const before = await follow(cursor)
      cursor = before.cursor
      deliveredThrough = Math.max(...before.events.map((event) => event.id))
      expect(contents(before.events)).toEqual(['one', 'two', 'three'])
      await held.query('COMMIT')
    } finally {
      held.release()
    }
    const after = await follow(cursor)
    expect(contents(after.events)).toEqual(['held'])
    // Its position is after every row delivered before it: a resume from any earlier cursor gets it.
    expect(after.events[0]!.id).toBeGreaterThan(deliveredThrough)
    expect((await follow(after.cursor)).events).toEqual([])
    // A replay from the start has each once, in delivery order.
    const replay = await follow(0)
    expect(contents(replay.events).filter((c) => ['held', 'one', 'two', 'three'].includes(c))).toEqual(['one', 'two', 'three', 'held'])
  })

  it('a held membership: the room change committed before it is not the new member\'s, the one after is', async () => {
    const room = Number((await pool.query(`INSERT INTO rooms (name, visibility) VALUES ('late', 'public') RETURNING id`)).rows[0].id)
    await pool.query(`INSERT INTO room_memberships (room_id, user_id, role) VALUES ($1, $2, 'owner')`, [room, alice])
    const start = await feed.latest()
    const held = await pool.connect()
    try {
      await held.query('BEGIN')
      await held.query(`INSERT INTO room_memberships (room_id, user_id, role) VALUES ($1, $2, 'member')`, [room, bob])
      await pool.query(`INSERT INTO messages (sender_id, room_id, content) VALUES ($1, $2, 'before bob')`, [alice, room])
      await follow(start)
      await held.query('COMMIT')
    } finally {
      held.release()
    }
    await pool.query(`INSERT INTO messages (sender_id, room_id, content) VALUES ($1, $2, 'after bob')`, [alice, room])
    const forBob = (await feed.read({ after: start, limit: 100, userId: bob })).events
    // Bob joined (committed) after 'before bob' was sequenced: he sees his join and what follows.
    expect(contents(forBob)).toEqual(['room.member.joined', 'after bob'])
    const members = await feed.membersAt(await feed.latest())
    expect(members).toContainEqual({ roomId: room, userId: bob })
  })

  it('concurrent writers and sequencers: every row gets one position, gap-free, in each writer\'s order', async () => {
    const start = await feed.latest()
    const other = new pg.Pool({ connectionString: process.env.DATABASE_URI, max: 2 })
    const { sequence } = await import('../../src/db/postgres/sequencer')
    let writing = true
    // Two processes' sequencers, each on its own pool, running as fast as they can.
    const sequencers = [pool, other].map(async (p) => {
      while (writing) await sequence(p)
    })
    const writers = [0, 1, 2, 3].map(async (writer) => {
      const client = await pool.connect()
      try {
        for (let i = 0; i < 40; i++) {
          // Some in transactions of a few rows, some on their own.
          if (i % 4 === 0) {
            await client.query('BEGIN')
            await dm(client, `w${writer}-${i}`)
            await dm(client, `w${writer}-${i}b`)
            await client.query('COMMIT')
          } else await dm(client, `w${writer}-${i}`)
        }
      } finally {
        client.release()
      }
    })
    await Promise.all(writers)
    writing = false
    await Promise.all(sequencers)
    await sequence(pool)
    await other.end()

    const { rows } = await pool.query<{ id: string; position: string | null; content: string }>(
      `SELECT c.id, c.position, m.content FROM message_changes c JOIN messages m ON m.id = c.message_id
       WHERE c.position > $1 OR c.position IS NULL ORDER BY c.position`,
      [start],
    )
    expect(rows).toHaveLength(4 * 50)
    const positions = rows.map((row) => Number(row.position))
    expect(new Set(positions).size).toBe(positions.length)
    // Gap-free: start+1 … start+200.
    expect(positions).toEqual(positions.map((_, i) => start + 1 + i))
    // Each writer's rows in its own commit order.
    for (const writer of [0, 1, 2, 3]) {
      const mine = rows.filter((row) => row.content.startsWith(`w${writer}-`)).map((row) => row.content)
      const expected = Array.from({ length: 40 }, (_, i) => (i % 4 === 0 ? [`w${writer}-${i}`, `w${writer}-${i}b`] : [`w${writer}-${i}`])).flat()
      expect(mine).toEqual(expected)
    }
    // The reader gets them all, once each.
    const followed = await follow(start)
    expect(followed.events.map((event) => event.id)).toEqual(positions)
  })
})
