// The audience index on its own and behind the hub: who gets a room's events, in feed order.
import { describe, expect, it } from 'vitest'

import type { ChangeEvent } from '../db/change-feed'
import { AudienceIndex } from './audience-index'
import { Hub, type Subscriber } from './hub'

const member = (type: 'room.member.joined' | 'room.member.left', id: number, room: number, user: number): ChangeEvent => ({
  id,
  type,
  audience: [`room:${room}`, `user:${user}`],
  data: { room: { id: room, name: `r${room}` }, user: { id: user, name: `u${user}` } },
})

const roomDelete = (id: number, room: number): ChangeEvent => ({
  id,
  type: 'message.deleted',
  audience: [`room:${room}`],
  data: { id: 100 + id, sender: 1, receiver: null, room, by: 'sender' },
})

function subscriber(userId: number) {
  const received: Array<{ id: number; bytes: Uint8Array }> = []
  const s: Subscriber & { received: typeof received } = {
    userId,
    audienceKey: `user:${userId}`,
    received,
    deliver: (id, bytes) => received.push({ id, bytes }),
    sendHeartbeat: () => {},
    checkStall: () => {},
    end: () => {},
  }
  return s
}

function indexedHub() {
  const index = new AudienceIndex()
  const hub = new Hub({ onFirstSubscriber: () => {}, onLastSubscriber: () => {} }, 60_000, (audience) => index.userKeys(audience))
  const publish = (event: ChangeEvent) => index.publishInOrder(event, (e) => hub.publish(e))
  return { index, hub, publish }
}

describe('AudienceIndex', () => {
  it('resolves room keys to the members loaded, keeps user keys, names each user once', () => {
    const index = new AudienceIndex()
    index.load([
      { roomId: 1, userId: 10 },
      { roomId: 1, userId: 11 },
      { roomId: 2, userId: 11 },
    ])
    expect([...index.userKeys(['room:1', 'user:11', 'user:12', 'room:2', 'room:3'])].sort()).toEqual(['user:10', 'user:11', 'user:12'])
    // A DM to user 1 stays with user 1: a user key is never read as the room of the same number.
    expect([...index.userKeys(['user:1'])]).toEqual(['user:1'])
    // A reload replaces what was known.
    index.load([{ roomId: 2, userId: 12 }])
    expect([...index.userKeys(['room:1', 'room:2'])]).toEqual(['user:12'])
  })

  it('adds a joining member before publishing their join and removes a leaving one after their leave', () => {
    const index = new AudienceIndex()
    index.load([{ roomId: 1, userId: 10 }])
    const seen: Array<[number, number[]]> = []
    const record = (event: ChangeEvent) => seen.push([event.id, [...index.membersOf(1)].sort()])
    index.publishInOrder(member('room.member.joined', 5, 1, 11), record)
    index.publishInOrder(roomDelete(6, 1), record)
    index.publishInOrder(member('room.member.left', 7, 1, 10), record)
    index.publishInOrder(roomDelete(8, 1), record)
    expect(seen).toEqual([
      [5, [10, 11]],
      [6, [10, 11]],
      [7, [10, 11]],
      [8, [11]],
    ])
    index.publishInOrder(member('room.member.left', 9, 1, 11), () => {})
    expect([...index.userKeys(['room:1'])]).toEqual([])
  })
})

describe('Hub with the audience index', () => {
  it('sends a room event to the members at its position in the feed, a member once however named', () => {
    const { index, hub, publish } = indexedHub()
    index.load([{ roomId: 1, userId: 10 }])
    const [stayer, joiner, leaverStream, outsider] = [subscriber(10), subscriber(11), subscriber(12), subscriber(13)]
    for (const s of [stayer, joiner, leaverStream, outsider]) hub.add(s)

    publish(member('room.member.joined', 1, 1, 11))
    publish(member('room.member.joined', 2, 1, 12))
    publish(roomDelete(3, 1))
    publish(member('room.member.left', 4, 1, 12))
    publish(roomDelete(5, 1))

    const ids = (s: { received: Array<{ id: number }> }) => s.received.map((r) => r.id)
    expect(ids(stayer)).toEqual([1, 2, 3, 4, 5])
    expect(ids(joiner)).toEqual([1, 2, 3, 4, 5])
    // Named twice (the room and their own key) on their join and leave: each delivered once.
    expect(ids(leaverStream)).toEqual([2, 3, 4])
    expect(ids(outsider)).toEqual([])
  })

  it('encodes a message to a room of 1,000 members once and writes the same bytes to each', () => {
    const { index, hub, publish } = indexedHub()
    const members = Array.from({ length: 1000 }, (_, i) => ({ roomId: 7, userId: i + 1 }))
    index.load(members)
    const streams = members.map(({ userId }) => subscriber(userId))
    for (const s of streams) hub.add(s)
    publish(roomDelete(1, 7))
    expect(streams.every((s) => s.received.length === 1)).toBe(true)
    expect(new Set(streams.map((s) => s.received[0].bytes)).size).toBe(1)
  })
})
