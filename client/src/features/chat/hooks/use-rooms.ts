// The rooms list's state, owned here: the rooms you may see, your membership, unread and mention
// counts, marking read, and what you do to rooms (create, join, leave, rename). Stream changes come
// in through `apply` (messages) and `applyEvent` (membership and renames).
import type { CreateRoomRequest, NotifyLevel } from '@payload-chat/server/protocol'
import { useCallback, useEffect, useReducer } from 'react'

import { useLatest } from '../../../hooks/use-latest'
import { markRead } from '../api/chat-api'
import { setNotifyLevel } from '../api/presence-api'
import { createRoom, fetchRooms, joinRoom, leaveRoom, updateRoom } from '../api/rooms-api'
import type { FeedPosition } from '../model/feed-position'
import { initialRooms, roomsReducer } from '../model/rooms-reducer'
import type { MessageChange, RoomEvent } from '../model/types'

export function useRooms(me: number, onError: (error: unknown) => void, position: FeedPosition) {
  const [rooms, dispatch] = useReducer(roomsReducer, me, initialRooms)
  const onErrorRef = useLatest(onError)

  // A snapshot is as new as the feed position when it was asked: events after it still apply.
  const reload = useCallback(async () => {
    try {
      const at = position.current
      dispatch({ type: 'loaded', rooms: await fetchRooms(), position: at })
    } catch (error) {
      onErrorRef.current(error)
    }
  }, [onErrorRef, position])

  const read = useCallback(
    (room: number, upTo: number) => {
      dispatch({ type: 'read', room, upTo })
      markRead({ kind: 'room', id: room }, upTo).catch((error) => onErrorRef.current(error))
    },
    [onErrorRef],
  )

  // `readingRoom`: the room being read now, whose new messages are not unread.
  const apply = useCallback((change: MessageChange, readingRoom: number | null) => {
    if (change.kind === 'deleted') dispatch({ type: 'deleted', event: change.deleted })
    else if (change.kind === 'created') dispatch({ type: 'created', message: change.message, openRoom: readingRoom })
    else dispatch({ type: 'updated', message: change.message, position: change.position })
  }, [])

  // An edit the list could not count (see `recountAfter`): the server counts again.
  useEffect(() => {
    if (rooms.recountAfter > 0) void reload()
  }, [rooms.recountAfter, reload])

  const applyEvent = useCallback(
    (event: RoomEvent) => {
      if (event.kind === 'updated') return dispatch({ type: 'room-updated', update: event.update })
      dispatch({ type: event.kind, change: event.change, position: event.position })
      // Added to a room elsewhere: the event names it; the list has its topic and counts.
      if (event.kind === 'joined' && event.change.user.id === me) void reload()
    },
    [me, reload],
  )

  // Each resolves with the room's id once the server agreed, and rejects with its message.
  const create = useCallback(
    async (request: CreateRoomRequest) => {
      const at = position.current
      const room = await createRoom(request)
      dispatch({ type: 'summary', room, position: at })
      return room.id
    },
    [position],
  )

  const join = useCallback(
    async (id: number) => {
      const at = position.current
      dispatch({ type: 'summary', room: await joinRoom(id), position: at })
    },
    [position],
  )

  // The stream's `room.member.left` takes the room away (with "You left #x").
  const leave = useCallback(async (id: number) => {
    dispatch({ type: 'leave-requested', room: id })
    try {
      await leaveRoom(id)
    } catch (error) {
      dispatch({ type: 'leave-failed', room: id })
      throw error
    }
  }, [])

  // The stream's `room.updated` renames it everywhere, this tab included.
  const update = useCallback((id: number, changes: Partial<CreateRoomRequest>) => updateRoom(id, changes), [])

  // Your notification level in a room: the answer is the room as it is for you now.
  const setNotify = useCallback(
    async (id: number, level: NotifyLevel) => {
      const at = position.current
      dispatch({ type: 'summary', room: await setNotifyLevel(id, level), position: at })
    },
    [position],
  )

  const dismissNotice = useCallback(() => dispatch({ type: 'notice-dismissed' }), [])

  return { rooms, reload, read, apply, applyEvent, create, join, leave, update, setNotify, dismissNotice }
}
