// Who is online: the snapshot (asked on every `ready`, since presence events are not replayed, and
// for a room's members when its list is shown) and the stream's `presence` events.
import { PRESENCE_SNAPSHOT_MAX, type PresenceData } from '@payload-chat/server/protocol'
import { useCallback, useEffect, useReducer } from 'react'

import { useLatest } from '../../../hooks/use-latest'
import { fetchPresence } from '../api/presence-api'
import { sortedPeople, type PeopleState } from '../model/people-reducer'
import { initialPresence, presenceReducer } from '../model/presence-reducer'
import type { RoomMember } from '../model/types'

export function usePresence() {
  const [presence, dispatch] = useReducer(presenceReducer, initialPresence)
  const presenceRef = useLatest(presence)

  const refresh = useCallback(
    async (users: number[]) => {
      const askedAt = presenceRef.current.seq
      try {
        dispatch({ type: 'snapshot', presence: await fetchPresence(users), askedAt })
      } catch {
        // Presence is a hint: without an answer the dots keep what they knew.
      }
    },
    [presenceRef],
  )

  const apply = useCallback((data: PresenceData) => dispatch({ type: 'event', presence: data }), [])

  return { presence, refresh, apply }
}

// When to ask: on every `ready` (events were missed while disconnected) once the people list is
// known, for the people listed first (your latest conversations; one request, at most
// PRESENCE_SNAPSHOT_MAX); and for the members of the open room whenever its member list loads.
export function useWatchPresence(refresh: (users: number[]) => Promise<void>, people: PeopleState, members: RoomMember[] | null, readyCount: number) {
  const peopleRef = useLatest(people)
  const known = Object.keys(people.byId).length > 0
  useEffect(() => {
    if (readyCount === 0 || !known) return
    const { me } = peopleRef.current
    const ids = sortedPeople(peopleRef.current).map((entry) => entry.user.id).filter((id) => id !== me)
    void refresh(ids.slice(0, PRESENCE_SNAPSHOT_MAX))
  }, [readyCount, known, refresh, peopleRef])
  useEffect(() => {
    if (members && members.length > 1) void refresh(members.map((member) => member.id).slice(0, PRESENCE_SNAPSHOT_MAX))
  }, [members, refresh])
}
