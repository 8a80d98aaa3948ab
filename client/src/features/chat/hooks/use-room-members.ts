// The members of the open room (for its member list and the @ picker), fetched when it opens and
// again whenever its membership changes (`version`: the rooms list's feed position of its count).
import { useEffect, useState } from 'react'

import { useLatest } from '../../../hooks/use-latest'
import { fetchMembers } from '../api/rooms-api'
import type { RoomMember } from '../model/types'

export function useRoomMembers(room: number | null, version: number, onError: (error: unknown) => void) {
  const [state, setState] = useState<{ room: number; members: RoomMember[] } | null>(null)
  const onErrorRef = useLatest(onError)

  useEffect(() => {
    if (room === null) return
    const controller = new AbortController()
    fetchMembers(room, controller.signal).then(
      (members) => setState({ room, members }),
      (error) => {
        if ((error as Error)?.name !== 'AbortError') onErrorRef.current(error)
      },
    )
    return () => controller.abort()
  }, [room, version, onErrorRef])

  // Another room's list is never shown for this one.
  return state && state.room === room ? state.members : null
}
