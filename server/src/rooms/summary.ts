// RoomSummary objects for the rooms routes: the SQL rows plus each room's last message as REST
// returns it (read on behalf of the user, so access decides what they get).
import { NotFound, type PayloadRequest } from 'payload'

import { userIsAdmin } from '../access/isAdmin'
import type { RoomSummary, StreamMessage } from '../protocol'
import { messagesById } from '../conversations/messages-by-id'
import { roomRows } from './summaries'

type Member = NonNullable<PayloadRequest['user']>

export async function roomSummaries(req: PayloadRequest, user: Member, only?: number): Promise<RoomSummary[]> {
  const rows = await roomRows(req.payload, user.id, only)
  const ids = rows.flatMap((row) => (row.lastMessageId === null ? [] : [row.lastMessageId]))
  const messages = await messagesById(req, user, ids)
  return rows.map(({ lastMessageId, ...row }) => ({
    ...row,
    isMember: row.role !== null,
    // As REST returns it: the shape the stream's messages have (protocol/messages.ts).
    lastMessage: ((lastMessageId !== null && messages.get(lastMessageId)) || null) as StreamMessage | null,
  }))
}

// One room as it is for this user now (after a join or leave it may be a room they no longer see).
export async function roomSummary(req: PayloadRequest, user: Member, roomId: number): Promise<RoomSummary> {
  const [summary] = await roomSummaries(req, user, roomId)
  if (!summary) throw new NotFound(req.t)
  return summary
}

// What one who just left may still see of a room: a private room they are out of is none of their
// business any more (its name, topic and member count included); admins see every room.
export function stillVisible(user: Member, summary: RoomSummary): RoomSummary | null {
  return summary.visibility === 'private' && !summary.isMember && !userIsAdmin(user) ? null : summary
}
