// Rooms for the tests: created over REST as a member would, members added by the owner.
import type { Actor } from './fixtures'
import { api } from './api'

export interface TestRoom {
  id: number
  name: string
}

export async function createRoom(baseUrl: string, owner: Actor, name: string, visibility: 'public' | 'private' = 'public'): Promise<TestRoom> {
  const res = await api(baseUrl).post('/api/rooms', { name, visibility }, owner.token)
  if (res.status !== 201) throw new Error(`room creation failed: ${res.status} ${JSON.stringify(res.body)}`)
  return { id: res.body.doc.id, name: res.body.doc.name }
}

// As an admin writes it (the admin panel): a membership row.
export async function addMemberAsAdmin(baseUrl: string, admin: Actor, room: TestRoom, user: Actor): Promise<number> {
  const res = await api(baseUrl).post('/api/room-memberships', { room: room.id, user: user.id }, admin.token)
  if (res.status !== 201) throw new Error(`adding a member failed: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body.doc.id
}

export async function postInRoom(baseUrl: string, from: Actor, room: TestRoom, content: string, extra: object = {}) {
  const res = await api(baseUrl).post('/api/messages', { room: room.id, content, ...extra }, from.token)
  if (res.status !== 201) throw new Error(`room post failed: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body.doc as { id: number; content: string; mentions: number[]; mentionsRoom: boolean }
}
