// The people list's state, owned here: who exists, the last message with each, unread counts, and
// marking read. Stream changes come in through `apply`.
import type { ReadData } from '@payload-chat/server/protocol'
import { useCallback, useReducer } from 'react'

import { useLatest } from '../../../hooks/use-latest'

import { fetchSummaries, fetchUsers, markRead } from '../api/chat-api'
import { initialPeople, peopleReducer } from '../model/people-reducer'
import type { MessageChange, UserRef } from '../model/types'

export function usePeople(me: number, onError: (error: unknown) => void) {
  const [people, dispatch] = useReducer(peopleReducer, me, initialPeople)
  const onErrorRef = useLatest(onError)

  const reload = useCallback(async () => {
    try {
      const [users, summaries] = await Promise.all([fetchUsers(), fetchSummaries()])
      dispatch({ type: 'loaded', users, summaries: summaries ?? [] })
    } catch (error) {
      onErrorRef.current(error)
    }
  }, [onErrorRef])

  // Marks the conversation read up to `upTo` (any message id in it): the count drops at once.
  // Callers ask only when there is something to mark (readMarkFor); stable, so the reading
  // effect does not run again whenever anyone's sidebar entry changes.
  const read = useCallback((peer: number, upTo: number) => {
    dispatch({ type: 'read', peer, upTo })
    markRead({ kind: 'dm', id: peer }, upTo).catch((error) => onErrorRef.current(error))
  }, [onErrorRef])

  // `readingPeer`: the conversation being read now, whose new messages are not unread.
  const apply = useCallback((change: MessageChange, readingPeer: number | null) => {
    if (change.kind === 'deleted') dispatch({ type: 'deleted', event: change.deleted })
    else if (change.kind === 'created') dispatch({ type: 'created', message: change.message, openPeer: readingPeer })
    else dispatch({ type: 'updated', message: change.message })
  }, [])

  // The other person read your messages up to `lastReadId` ("Seen").
  const peerRead = useCallback((read: ReadData) => dispatch({ type: 'peer-read', peer: read.peer, lastReadId: read.lastReadId }), [])

  // Someone's name changed (your own, from the profile).
  const renamed = useCallback((user: UserRef) => dispatch({ type: 'renamed', user }), [])

  return { people, reload, read, apply, peerRead, renamed }
}
