// The sidebar state: who exists, the last message with each, unread counts, and marking read.
import { useCallback, useEffect, useReducer, useRef } from 'react'

import { fetchSummaries, fetchUsers, markRead } from '../api/chat-api'
import { initialPeople, peopleReducer } from '../model/people-reducer'

export function usePeople(me: number, onError: (error: unknown) => void) {
  const [people, dispatch] = useReducer(peopleReducer, me, initialPeople)
  const onErrorRef = useRef(onError)
  useEffect(() => {
    onErrorRef.current = onError
  })

  const reload = useCallback(async () => {
    try {
      const [users, summaries] = await Promise.all([fetchUsers(), fetchSummaries()])
      dispatch({ type: 'loaded', users, summaries: summaries ?? [] })
    } catch (error) {
      onErrorRef.current(error)
    }
  }, [])

  // Marks the conversation read up to `upTo` (any message id in it): the count drops at once.
  // Callers ask only when there is something to mark (readMarkFor); stable, so the reading
  // effect does not run again whenever anyone's sidebar entry changes.
  const read = useCallback((peer: number, upTo: number) => {
    dispatch({ type: 'read', peer, upTo })
    markRead(peer, upTo).catch((error) => onErrorRef.current(error))
  }, [])

  return { people, dispatch, reload, read }
}
