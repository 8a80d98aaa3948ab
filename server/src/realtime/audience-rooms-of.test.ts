// The audience index by user (presence asks which rooms a user is in), kept with the rooms' side.
import { describe, expect, it } from 'vitest'

import type { ChangeEvent } from '../db/change-feed'
import { AudienceIndex } from './audience-index'

const member = (type: 'room.member.joined' | 'room.member.left', room: number, user: number): ChangeEvent => ({
  id: 1,
  type,
  audience: [],
  data: { room: { id: room, name: `r${room}` }, user: { id: user, name: `u${user}` } },
})

describe('AudienceIndex.roomsOf', () => {
  it('follows loads, joins and leaves, and forgets a user in no room', () => {
    const index = new AudienceIndex()
    index.load([
      { roomId: 1, userId: 7 },
      { roomId: 2, userId: 7 },
      { roomId: 2, userId: 8 },
    ])
    expect([...index.roomsOf(7)]).toEqual([1, 2])
    index.publishInOrder(member('room.member.joined', 3, 7), () => {})
    index.publishInOrder(member('room.member.left', 1, 7), () => {})
    expect([...index.roomsOf(7)].sort()).toEqual([2, 3])
    index.publishInOrder(member('room.member.left', 2, 8), () => {})
    expect([...index.roomsOf(8)]).toEqual([])
    // A leave of a room the user was not in changes nothing.
    index.publishInOrder(member('room.member.left', 9, 7), () => {})
    expect([...index.roomsOf(7)].sort()).toEqual([2, 3])
    index.load([{ roomId: 5, userId: 8 }])
    expect([...index.roomsOf(7)]).toEqual([])
    expect([...index.roomsOf(8)]).toEqual([5])
  })
})
