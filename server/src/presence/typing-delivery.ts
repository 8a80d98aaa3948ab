// A typing notice onto this process's streams (every process delivers each notice the typing
// endpoint sent, realtime/presence-shared.ts): the DM's receiver, or the room's members but the
// typer, as the endpoint checked them (blocks, membership of the typer).
import { userAudience } from '../db/change-feed'
import type { TypingData } from '../protocol'
import type { Realtime } from '../realtime/runtime'
import { encodeEphemeral } from '../realtime/sse-wire'
import { membersAmong } from '../rooms/memberships'

// The room's members but the typer who have a stream here, as the database has them now: the
// audience index lags the database until the poller publishes a leave, and a removed member must
// not see the room's typing meanwhile. One indexed query, bounded by who is connected here.
async function roomRecipients(runtime: Realtime, room: number, typer: number): Promise<string[]> {
  const connected = [...runtime.audience.membersOf(room)].filter((member) => member !== typer && runtime.hub.streamsOf(member) > 0)
  const members = await membersAmong(runtime.payload, room, connected)
  return connected.filter((member) => members.has(member)).map(userAudience)
}

export async function deliverTyping(runtime: Realtime, data: TypingData): Promise<void> {
  const recipients = data.room === null ? [userAudience(data.receiver!)] : await roomRecipients(runtime, data.room, data.user)
  if (recipients.length > 0) runtime.hub.publishEphemeral(recipients, encodeEphemeral('typing', data))
}
