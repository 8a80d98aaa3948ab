// A removed member's replay on PostgreSQL, while rows are committed but not yet numbered (the
// sequencer's lock is held elsewhere, as another instance's batch or a stalled one holds it): a
// change committed after the leave must not show through an earlier row (a message's event shows
// the message as it is now), and a committed leave counts as a leave before it has a position.
// Holding SEQUENCER_LOCK on a test connection makes the window deterministic.
import pg from 'pg'
import { describe, expect, inject, it } from 'vitest'

import type { ChangeEvent, ChangeFeed } from '../../src/db/change-feed'
import { SEQUENCER_LOCK } from '../../src/db/postgres/sequencer'
import { usePgFeedHarness } from '../helpers/pg-feed-harness'
import { createTestDatabase } from '../helpers/postgres'

const server = inject('postgresUrl')
if (server) process.env.DATABASE_URI = await createTestDatabase(server)

describe.skipIf(!server)('replay of a removed member while rows are pending', () => {
  let feed: ChangeFeed
  let pool: pg.Pool
  let alice: number
  let bob: number

  usePgFeedHarness(4, (harness) => ({ feed, pool, alice, bob } = harness))

  async function privateRoomWithBob(name: string): Promise<{ room: number; message: number; cursor: number }> {
    const room = Number((await pool.query(`INSERT INTO rooms (name, visibility) VALUES ($1, 'private') RETURNING id`, [name])).rows[0].id)
    await pool.query(`INSERT INTO room_memberships (room_id, user_id, role) VALUES ($1, $2, 'member'), ($1, $3, 'member')`, [room, alice, bob])
    const cursor = await feed.latest()
    const message = Number(
      (await pool.query(`INSERT INTO messages (sender_id, room_id, content) VALUES ($1, $2, 'before') RETURNING id`, [alice, room])).rows[0].id,
    )
    return { room, message, cursor }
  }

  const leave = (room: number) => pool.query(`DELETE FROM room_memberships WHERE room_id = $1 AND user_id = $2`, [room, bob])
  const edit = (message: number) => pool.query(`UPDATE messages SET content = 'after the leave' WHERE id = $1`, [message])

  async function replayAsBob(after: number): Promise<ChangeEvent[]> {
    const { events } = await feed.read({ after, limit: 100, userId: bob })
    return events
  }
  // The message as each of its created/updated events shows it.
  const messageEvents = (events: ChangeEvent[], id: number) =>
    events.flatMap((event) => ((event.type === 'message.created' || event.type === 'message.updated') && event.data.id === id ? [event.data] : []))

  // Runs `during` while a test connection holds the sequencer's lock: nothing is numbered meanwhile.
  async function withSequencerHeld<T>(during: () => Promise<T>): Promise<T> {
    const holder = await pool.connect()
    try {
      await holder.query('SELECT pg_advisory_lock($1)', [SEQUENCER_LOCK])
      return await during()
    } finally {
      await holder.query('SELECT pg_advisory_unlock($1)', [SEQUENCER_LOCK])
      holder.release()
    }
  }

  it('an edit committed after the leave but not yet numbered hides the message', async () => {
    const { room, message, cursor } = await privateRoomWithBob('numbered leave')
    await leave(room)
    // The leave and the message are numbered (read sequences) before the lock is taken.
    expect(messageEvents(await replayAsBob(cursor), message).map((m) => m.content)).toEqual(['before'])
    await withSequencerHeld(async () => {
      await edit(message)
      expect(messageEvents(await replayAsBob(cursor), message)).toEqual([])
    })
  })

  it('a leave committed but not yet numbered counts as a leave', async () => {
    const { room, message, cursor } = await privateRoomWithBob('pending leave')
    expect(messageEvents(await replayAsBob(cursor), message).map((m) => m.content)).toEqual(['before'])
    await withSequencerHeld(async () => {
      await leave(room)
      await edit(message)
      expect(messageEvents(await replayAsBob(cursor), message)).toEqual([])
    })
    // Once numbered, the same: the edit is after the leave.
    expect(messageEvents(await replayAsBob(cursor), message)).toEqual([])
  })

  it('a member still sees the message as it is now', async () => {
    const { message, cursor } = await privateRoomWithBob('still in')
    expect(messageEvents(await replayAsBob(cursor), message).map((m) => m.content)).toEqual(['before'])
    await withSequencerHeld(async () => {
      await edit(message)
      expect(messageEvents(await replayAsBob(cursor), message).map((m) => m.content)).toEqual(['after the leave'])
    })
  })
})
