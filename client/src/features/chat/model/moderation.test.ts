import { describe, expect, it } from 'vitest'

import { blockedPerson, blockedRunLabel, foldBlocked, reportStateText, type RoomRow } from './moderation'
import { initialMessages, messagesReducer } from './messages-reducer'
import { ALICE, BOB, makeMessage } from './test-messages'
import { buildTimeline } from './timeline'

const ME = ALICE.id
const CAROL = { id: 3, name: 'Carol' }
const room = { id: 9, name: 'general' }
const DAY1 = (s: number) => new Date(2026, 0, 1, 12, 0, s).toISOString()
const DAY2 = (s: number) => new Date(2026, 0, 2, 12, 0, s).toISOString()

// A room's timeline from [id, sender, timestamp] triples.
const timeline = (...messages: Array<[number, { id: number; name: string }, string]>) => {
  const page = messages.map(([id, sender, at]) => makeMessage(id, { sender, receiver: null, room, timestamp: at, createdAt: at }))
  return buildTimeline(messagesReducer(initialMessages, { type: 'page-loaded', messages: page, hasMore: false }).items)
}
// What a reader sees: a message by its id, a folded run by the ids it hides, a day by 'day'.
const shape = (rows: RoomRow[]) =>
  rows.map((row) => (row.kind === 'day' ? 'day' : row.kind === 'message' ? row.item.id : row.items.map((item) => item.id)))

describe('foldBlocked', () => {
  it('folds each run of messages from blocked people into one row; anyone else, or a new day, ends a run', () => {
    const rows = timeline([1, BOB, DAY1(1)], [2, BOB, DAY1(2)], [3, CAROL, DAY1(3)], [4, CAROL, DAY1(4)], [5, ALICE, DAY1(5)], [6, BOB, DAY1(6)], [7, BOB, DAY2(1)])
    expect(shape(foldBlocked(rows, new Set([BOB.id]), ME))).toEqual(['day', [1, 2], 3, 4, 5, [6], 'day', [7]])
    // Two blocked people in a row are one run.
    expect(shape(foldBlocked(rows, new Set([BOB.id, CAROL.id]), ME))).toEqual(['day', [1, 2, 3, 4], 5, [6], 'day', [7]])
  })

  it('never folds your own messages, and changes nothing when nobody is blocked', () => {
    const rows = timeline([1, ALICE, DAY1(1)], [2, BOB, DAY1(2)])
    expect(shape(foldBlocked(rows, new Set([ALICE.id]), ME))).toEqual(['day', 1, 2])
    expect(foldBlocked(rows, new Set(), ME)).toBe(rows)
  })

  it('shows a run the reader asked to see, keyed by its first message so a run that grows stays shown', () => {
    const rows = timeline([1, BOB, DAY1(1)], [2, BOB, DAY1(2)], [3, CAROL, DAY1(3)], [4, BOB, DAY1(4)])
    const folded = foldBlocked(rows, new Set([BOB.id]), ME)
    const firstRun = folded.find((row) => row.kind === 'blocked')!
    expect(shape(foldBlocked(rows, new Set([BOB.id]), ME, new Set([firstRun.key])))).toEqual(['day', 1, 2, 3, [4]])
    const grown = timeline([1, BOB, DAY1(1)], [2, BOB, DAY1(2)], [5, BOB, DAY1(5)])
    expect(shape(foldBlocked(grown, new Set([BOB.id]), ME, new Set([firstRun.key])))).toEqual(['day', 1, 2, 5])
  })

  it('says how many messages a run hides', () => {
    expect(blockedRunLabel(1)).toBe('Message from a blocked person')
    expect(blockedRunLabel(3)).toBe('3 messages from a blocked person')
  })
})

describe('reports and blocks, in words', () => {
  it('says where a report stands', () => {
    expect(reportStateText({ status: 'open', resolution: null })).toBe('Open: waiting for a moderator')
    expect(reportStateText({ status: 'resolved', resolution: 'removed' })).toBe('Resolved: the message was removed')
    expect(reportStateText({ status: 'resolved', resolution: 'suspended' })).toBe('Resolved: its author was suspended')
    expect(reportStateText({ status: 'resolved', resolution: 'dismissed' })).toBe('Resolved: no action taken')
  })

  it('names the blocked person whatever the depth of the answer', () => {
    expect(blockedPerson({ id: 4, blocked: BOB, createdAt: DAY1(0) })).toEqual(BOB)
    expect(blockedPerson({ id: 4, blocked: 2, createdAt: DAY1(0) })).toEqual({ id: 2, name: 'User 2' })
  })
})
