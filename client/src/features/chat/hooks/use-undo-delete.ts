// Deleting with a few seconds to undo, instead of a question every time: the message is hidden at
// once and the DELETE goes out after UNDO_MS unless Undo is pressed. It goes out at once when the
// conversation is left (nothing of it is on screen to undo any more) and when the tab is closed or
// reloaded (`pagehide`, with keepalive: the request outlives the page). What the server refuses
// shows the message again with the error (see useConversations' remove).
import { useCallback, useEffect, useRef, useState } from 'react'

import { useLatest } from '../../../hooks/use-latest'
import { targetKey, type Target } from '../model/types'

export const UNDO_MS = 5000

export interface PendingDelete {
  id: number
  target: Target
}

export interface UndoDeleteDeps {
  openKey: string | null // the conversation on screen
  hide: (target: Target, id: number) => void
  unhide: (target: Target, id: number) => void
  commit: (target: Target, id: number, keepalive: boolean) => Promise<void>
}

export function useUndoDelete({ openKey, hide, unhide, commit }: UndoDeleteDeps) {
  const [pending, setPending] = useState<PendingDelete[]>([])
  const pendingRef = useLatest(pending)
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>())

  const settle = useCallback((id: number) => {
    clearTimeout(timers.current.get(id))
    timers.current.delete(id)
    setPending((list) => list.filter((entry) => entry.id !== id))
  }, [])

  const commitNow = useCallback(
    (entry: PendingDelete, keepalive = false) => {
      if (!timers.current.has(entry.id)) return // undone or sent already
      settle(entry.id)
      void commit(entry.target, entry.id, keepalive)
    },
    [settle, commit],
  )

  const schedule = useCallback(
    (target: Target, id: number) => {
      if (timers.current.has(id)) return
      const entry = { id, target }
      hide(target, id)
      timers.current.set(
        id,
        setTimeout(() => commitNow(entry), UNDO_MS),
      )
      setPending((list) => [...list, entry])
    },
    [hide, commitNow],
  )

  const undo = useCallback(
    (id: number) => {
      const entry = pendingRef.current.find((e) => e.id === id)
      if (!entry || !timers.current.has(id)) return
      settle(id)
      unhide(entry.target, id)
    },
    [pendingRef, settle, unhide],
  )

  // Another conversation opened (or none): this one's deletions are sent now.
  useEffect(() => {
    for (const entry of pendingRef.current) if (targetKey(entry.target) !== openKey) commitNow(entry)
  }, [openKey, pendingRef, commitNow])

  useEffect(() => {
    const onPageHide = () => {
      for (const entry of pendingRef.current) commitNow(entry, true)
    }
    window.addEventListener('pagehide', onPageHide)
    return () => window.removeEventListener('pagehide', onPageHide)
  }, [pendingRef, commitNow])

  // The ones of the conversation on screen, for its Undo toasts.
  const shownPending = pending.filter((entry) => targetKey(entry.target) === openKey)
  return { pending: shownPending, schedule, undo }
}
