// Who is in which room, as of the last change the poller published: the process's audience index.
// Loaded when the poller starts, from the feed's memberships at the poller's starting cursor (so no
// change falls between the two), then kept up to date from the feed's own membership events, in
// feed order, by the poller's publish: a process never asks the database who the members are
// while fanning out, and every process agrees with the feed on who was a member of a room when
// each of its changes was committed.
import type { ChangeEvent, RoomMember } from '../db/change-feed'
import { userAudience } from '../db/change-feed'

const ROOM_PREFIX = 'room:'

export class AudienceIndex {
  private readonly rooms = new Map<number, Set<number>>()
  // The same, by user: the rooms each user is in (for presence, which asks per user).
  private readonly byUser = new Map<number, Set<number>>()

  // The memberships at the poller's starting cursor (replaces what was known).
  load(members: ReadonlyArray<RoomMember>): void {
    this.rooms.clear()
    this.byUser.clear()
    for (const { roomId, userId } of members) this.add(roomId, userId)
  }

  membersOf(roomId: number): ReadonlySet<number> {
    return this.rooms.get(roomId) ?? new Set()
  }

  roomsOf(userId: number): ReadonlySet<number> {
    return this.byUser.get(userId) ?? new Set()
  }

  // Publishes one event with the index as it stood when the event was committed: a joining member
  // is added first (they get their own join), a leaving one removed after (they get their leave).
  publishInOrder(event: ChangeEvent, publish: (event: ChangeEvent) => void): void {
    if (event.type === 'room.member.joined') this.add(event.data.room.id, event.data.user.id)
    publish(event)
    if (event.type === 'room.member.left') this.remove(event.data.room.id, event.data.user.id)
  }

  // The user keys of an event's audience: room keys resolved to their members, each user once.
  userKeys(audience: ReadonlyArray<string>): Set<string> {
    const keys = new Set<string>()
    for (const key of audience) {
      if (!key.startsWith(ROOM_PREFIX)) {
        keys.add(key)
        continue
      }
      const members = this.rooms.get(Number(key.slice(ROOM_PREFIX.length)))
      if (members) for (const userId of members) keys.add(userAudience(userId))
    }
    return keys
  }

  private add(roomId: number, userId: number): void {
    let members = this.rooms.get(roomId)
    if (!members) this.rooms.set(roomId, (members = new Set()))
    members.add(userId)
    let rooms = this.byUser.get(userId)
    if (!rooms) this.byUser.set(userId, (rooms = new Set()))
    rooms.add(roomId)
  }

  private remove(roomId: number, userId: number): void {
    const members = this.rooms.get(roomId)
    if (!members?.delete(userId)) return
    if (members.size === 0) this.rooms.delete(roomId)
    const rooms = this.byUser.get(userId)
    rooms?.delete(roomId)
    if (rooms?.size === 0) this.byUser.delete(userId)
  }
}
