// The chat's live stream: opens `/api/messages/sse` (one per browser: the tabs of one user share
// it, see use-event-source.ts), moves the feed position with every event it could decode (one it
// could not is not counted as seen) and hands it to the listener. When the browser gives up on the
// stream, a fresh one is opened unless the server says nobody is logged in any more. A stream (or
// a `/me`) of another user than `me` means someone else logged in with the shared cookie: this tab
// is logged out and applies nothing of theirs.
import { EPHEMERAL_EVENTS, STREAM_PATH, type MessageReactions, type PresenceData, type ReadData, type ReadyData, type StreamEventData, type StreamEventName, type TypingData } from '@payload-chat/server/protocol'
import { useCallback } from 'react'

import { useEventSource, type TabState } from '../../../hooks/use-event-source'
import { sessionIsNot } from '../../../session/session-api'
import type { FeedPosition } from '../model/feed-position'
import type { MessageChange, RoomEvent } from '../model/types'

export interface ChatStreamListener {
  ready: (ready: ReadyData) => void
  reset: () => void
  change: (change: MessageChange) => void
  reactions: (reactions: MessageReactions, position: number) => void // a message's whole list, as now
  room: (event: RoomEvent) => void
  read: (read: ReadData) => void // a DM peer read up to a message of yours
  presence: (presence: PresenceData) => void
  typing: (typing: TypingData) => void
}

// Sharing the stream with the other tabs of this browser: `key` names it (one per user), `tab` is
// what this tab tells the leader.
export interface StreamSharing {
  key: string
  tab: TabState
}

const parse = <Name extends StreamEventName>(_name: Name, data: string): StreamEventData[Name] | null => {
  try {
    return JSON.parse(data) as StreamEventData[Name]
  } catch {
    return null
  }
}

export function useChatStream(me: number, position: FeedPosition, listener: ChatStreamListener, onLoggedOut: () => void, sharing?: StreamSharing) {
  // Rebuilt every render: the event source calls the latest, so the listener sees current state.
  // Keyed by every event the protocol names: a new event fails the type check until handled here.
  // A handler returning false stops the stream (see use-event-source.ts).
  const handlers: Record<StreamEventName, (data: string, eventId: string) => void | false> = {
    ready: (data, eventId) => {
      const ready = parse('ready', data)
      if (ready?.user !== me) {
        onLoggedOut()
        return false
      }
      position.reach(eventId)
      listener.ready(ready)
    },
    reset: (_data, eventId) => {
      position.reach(eventId)
      listener.reset()
    },
    'message.created': (data, eventId) => {
      const message = parse('message.created', data)
      if (message) listener.change({ kind: 'created', message, position: position.reach(eventId) })
    },
    'message.updated': (data, eventId) => {
      const message = parse('message.updated', data)
      if (message) listener.change({ kind: 'updated', message, position: position.reach(eventId) })
    },
    'message.deleted': (data, eventId) => {
      const deleted = parse('message.deleted', data)
      if (deleted) listener.change({ kind: 'deleted', deleted, position: position.reach(eventId) })
    },
    'message.reactions': (data, eventId) => {
      const reactions = parse('message.reactions', data)
      if (reactions) listener.reactions(reactions, position.reach(eventId))
    },
    // Only on the admin scope, which the chat client never opens.
    'report.changed': () => {},
    'room.member.joined': (data, eventId) => {
      const change = parse('room.member.joined', data)
      if (change) listener.room({ kind: 'joined', change, position: position.reach(eventId) })
    },
    'room.member.left': (data, eventId) => {
      const change = parse('room.member.left', data)
      if (change) listener.room({ kind: 'left', change, position: position.reach(eventId) })
    },
    'room.updated': (data, eventId) => {
      const update = parse('room.updated', data)
      if (update) listener.room({ kind: 'updated', update, position: position.reach(eventId) })
    },
    read: (data, eventId) => {
      const read = parse('read', data)
      if (!read) return
      position.reach(eventId)
      listener.read(read)
    },
    // Ephemeral: no id, the position stays.
    presence: (data) => {
      const presence = parse('presence', data)
      if (presence) listener.presence(presence)
    },
    typing: (data) => {
      const typing = parse('typing', data)
      if (typing) listener.typing(typing)
    },
  }

  const onClosed = useCallback(async () => {
    try {
      if (await sessionIsNot(me)) {
        onLoggedOut()
        return false
      }
    } catch {
      // server unreachable or restarting: keep trying
    }
    return true
  }, [me, onLoggedOut])

  return useEventSource({ url: STREAM_PATH, handlers, onClosed, ephemeral: EPHEMERAL_EVENTS, share: sharing?.key, tabState: sharing?.tab })
}
