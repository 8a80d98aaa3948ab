// REST calls of presence, typing and notification levels: the presence snapshot, this browser's
// visibility, "typing", a room's notification level.
import {
  PRESENCE_PATH,
  PRESENCE_SNAPSHOT_MAX,
  TYPING_PATH,
  type NotifyLevel,
  type NotifyRequest,
  type PresenceData,
  type PresenceResponse,
  type PresenceUpdateRequest,
  type RoomResponse,
  type RoomSummary,
  type TypingRequest,
} from '@payload-chat/server/protocol'

import { apiRequest } from '../../../lib/api-client'
import type { Target } from '../model/types'

// The presence of these users (those you share a conversation with; the server leaves out others).
export async function fetchPresence(users: number[]): Promise<PresenceData[]> {
  const ids = users.slice(0, PRESENCE_SNAPSHOT_MAX)
  if (ids.length === 0) return []
  const body = await apiRequest<PresenceResponse>(PRESENCE_PATH, { query: { users: ids.join(',') } })
  return Array.isArray(body?.presence) ? body.presence : []
}

// This browser is visible (`online`) or every tab of it is hidden (`away`).
export async function reportPresence(status: PresenceUpdateRequest['status']): Promise<void> {
  await apiRequest(PRESENCE_PATH, { method: 'POST', body: { status } satisfies PresenceUpdateRequest })
}

export async function sendTyping(target: Target): Promise<void> {
  const body: TypingRequest = target.kind === 'dm' ? { receiver: target.id } : { room: target.id }
  await apiRequest(TYPING_PATH, { method: 'POST', body })
}

export async function setNotifyLevel(room: number, notify: NotifyLevel): Promise<RoomSummary> {
  return (await apiRequest<RoomResponse>(`/api/rooms/${room}/notify`, { method: 'POST', body: { notify } satisfies NotifyRequest })).room
}
