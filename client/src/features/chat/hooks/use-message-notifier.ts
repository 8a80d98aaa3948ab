// Desktop notifications for new messages: the leader tab alone shows them (one per browser), when
// no tab of the browser is visible, by the rules of model/notify.ts; a click opens the conversation
// in this tab (the one that may bring its window forward). Only what happens after the stream's
// ready notifies: a replay (after a sleep, or a hand-over) is old news, not a storm of pop-ups.
import { DEFAULT_NOTIFY_LEVEL } from '@payload-chat/server/protocol'
import { useCallback, useMemo, useRef } from 'react'

import type { TabState } from '../../../hooks/use-event-source'
import { useLatest } from '../../../hooks/use-latest'
import { shouldNotify } from '../model/notify'
import type { RoomsState } from '../model/rooms-reducer'
import { targetOf, type Message, type Target } from '../model/types'
import { anyTabVisible } from './use-browser-presence'

export interface MessageNotifierInput {
  me: number
  leader: boolean
  tabs: ReadonlyMap<string, TabState>
  rooms: RoomsState
  permitted: () => boolean // asked at decision time (another tab may have just enabled it)
  show: (message: Message, onClick: () => void) => void
  open: (target: Target) => void
}

export function useMessageNotifier(input: MessageNotifierInput) {
  const inputRef = useLatest(input)
  // The feed's latest position when the stream opened: changes at or below it are a replay.
  const liveFromRef = useRef(0)
  const ready = useCallback((cursor: string) => {
    liveFromRef.current = Number(cursor) || 0
  }, [])
  // Stable: the stream listener calls it for every new message, with its feed position.
  const notify = useCallback(
    (message: Message, position: number) => {
      if (position <= liveFromRef.current) return
      const { me, leader, tabs, rooms, permitted, show, open } = inputRef.current
      if (!leader) return
      const roomLevel = (id: number) => {
        const entry = rooms.byId[id]
        return entry?.isMember ? (entry.notify ?? DEFAULT_NOTIFY_LEVEL) : null
      }
      if (shouldNotify(message, { me, permitted: permitted(), anyTabVisible: anyTabVisible(tabs), roomLevel })) {
        show(message, () => open(targetOf(me, message)))
      }
    },
    [inputRef],
  )
  return useMemo(() => ({ ready, notify }), [ready, notify])
}
