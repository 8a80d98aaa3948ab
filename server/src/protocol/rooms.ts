// Group rooms: `/api/rooms` and its sub-routes, and the room events on the stream. A room is a
// conversation of its members; a message belongs to exactly one of a DM (`receiver`) or a room.
import type { RoomRef, StreamMessage, UserRef } from './messages'

export type RoomVisibility = 'public' | 'private'
export type RoomRole = 'owner' | 'member'
// Which messages of a room a member gets a desktop notification for; `mentions` by default.
export type NotifyLevel = 'all' | 'mentions' | 'none'
export const DEFAULT_NOTIFY_LEVEL: NotifyLevel = 'mentions'

// `POST /api/rooms/:id/notify` `{notify}` → 200 `{room}`: a member sets their own level.
export interface NotifyRequest {
  notify: NotifyLevel
}

// `name` is trimmed, 1-80 characters with something visible; `topic` at most 250.
export const MAX_ROOM_NAME_LENGTH = 80
export const MAX_ROOM_TOPIC_LENGTH = 250
// The public room every user joins on sign-up.
export const GENERAL_ROOM_NAME = 'general'

// `POST /api/rooms` (201 `{room}`) and, for owners, `PATCH /api/rooms/:id` (any subset).
export interface CreateRoomRequest {
  name: string
  topic?: string | null
  visibility?: RoomVisibility
}

// One room of `GET /api/rooms` (every public room and the private rooms you are in), latest
// activity first. The read state is yours and is zero / null for rooms you are not in.
export interface RoomSummary {
  id: number
  name: string
  topic: string | null
  visibility: RoomVisibility
  memberCount: number
  isMember: boolean
  // Your role; null when you are not a member.
  role: RoomRole | null
  // Others' messages after `lastReadId`; `mentions` counts those of them that mention you (or @room).
  unread: number
  mentions: number
  lastReadId: number
  // Your notification level; null when you are not a member.
  notify: NotifyLevel | null
  // The room's latest message, for members only.
  lastMessage: StreamMessage | null
  createdAt: string
  updatedAt: string
}

export interface RoomsResponse {
  rooms: RoomSummary[]
}

// `POST /api/rooms` answers 201 `{room}`; join and leave answer 200 `{room}` (the summary as it
// is for you now).
export interface RoomResponse {
  room: RoomSummary
}

// `POST /api/rooms/:id/leave`: null when the room is private (you may no longer see it).
export interface LeaveRoomResponse {
  room: RoomSummary | null
}

// `GET /api/rooms/:id/members`: never emails.
export interface RoomMember {
  id: number
  name: string
  role: RoomRole
}

export interface RoomMembersResponse {
  members: RoomMember[]
}

// `POST /api/rooms/:id/members` (owners).
export interface AddMemberRequest {
  user: number
}

// Stream data of `room.member.joined` and `room.member.left`: sent to the room's members and to
// the user concerned (so a removed member learns it).
export interface RoomMemberChange {
  room: RoomRef
  user: UserRef
}

// Stream data of `room.updated` (renamed, new topic or visibility): sent to the room's members.
export interface RoomUpdate {
  id: number
  name: string
  topic: string | null
  visibility: RoomVisibility
}
