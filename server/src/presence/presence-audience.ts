// Who is told of a user's presence change: their DM peers, and the co-members of their rooms of at
// most PRESENCE_ROOM_PUSH_MAX members (from the process's audience index, no query). A larger room
// (`general` on a big install) pushes nothing: its member list asks the snapshot. So one change
// costs at most (DM peers + small rooms' members) deliveries, never one per stream of the server.
// Never the user themself.
import type { AudienceIndex } from '../realtime/audience-index'

export async function presenceAudience(
  userId: number,
  { dmPeers, index, roomPushMax }: { dmPeers: (userId: number) => Promise<ReadonlySet<number>>; index: AudienceIndex; roomPushMax: number },
): Promise<Set<number>> {
  const audience = new Set(await dmPeers(userId))
  for (const room of index.roomsOf(userId)) {
    const members = index.membersOf(room)
    if (members.size > roomPushMax) continue
    for (const member of members) audience.add(member)
  }
  audience.delete(userId)
  return audience
}
