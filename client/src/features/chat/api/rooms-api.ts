// REST calls of rooms (`/api/rooms` and its sub-routes): the list, creating, joining, leaving,
// members, renaming. Each answers what the server says the room is for you now.
import type {
  AddMemberRequest,
  CreateRoomRequest,
  RoomMember,
  RoomMembersResponse,
  LeaveRoomResponse,
  RoomResponse,
  RoomsResponse,
  RoomSummary,
} from '@payload-chat/server/protocol'

import { apiRequest } from '../../../lib/api-client'

export async function fetchRooms(): Promise<RoomSummary[]> {
  const body = await apiRequest<RoomsResponse>('/api/rooms')
  return Array.isArray(body?.rooms) ? body.rooms : []
}

export async function createRoom(request: CreateRoomRequest): Promise<RoomSummary> {
  return (await apiRequest<RoomResponse>('/api/rooms', { method: 'POST', body: request })).room
}

export async function joinRoom(room: number): Promise<RoomSummary> {
  return (await apiRequest<RoomResponse>(`/api/rooms/${room}/join`, { method: 'POST' })).room
}

export async function leaveRoom(room: number): Promise<void> {
  await apiRequest<LeaveRoomResponse>(`/api/rooms/${room}/leave`, { method: 'POST' })
}

// Owners: any subset of name, topic and visibility.
export async function updateRoom(room: number, changes: Partial<CreateRoomRequest>): Promise<void> {
  await apiRequest(`/api/rooms/${room}`, { method: 'PATCH', body: changes })
}

export async function fetchMembers(room: number, signal?: AbortSignal): Promise<RoomMember[]> {
  const body = await apiRequest<RoomMembersResponse>(`/api/rooms/${room}/members`, { signal })
  return Array.isArray(body?.members) ? body.members : []
}

export async function addMember(room: number, user: number): Promise<void> {
  await apiRequest(`/api/rooms/${room}/members`, { method: 'POST', body: { user } satisfies AddMemberRequest })
}

// An owner removes a member; anyone may remove themself (that is leaving).
export async function removeMember(room: number, user: number): Promise<void> {
  await apiRequest(`/api/rooms/${room}/members/${user}`, { method: 'DELETE' })
}
