// Away: the leader tab tells the server whether any tab of this browser is visible, whenever that
// changes and on every `ready` (a new stream starts as online on the server).
import { useEffect, useRef } from 'react'

import type { TabState } from '../../../hooks/use-event-source'
import { reportPresence } from '../api/presence-api'

export const anyTabVisible = (tabs: ReadonlyMap<string, TabState>): boolean => [...tabs.values()].some((tab) => tab.visible)

export function useBrowserPresence(leader: boolean, tabs: ReadonlyMap<string, TabState>, readyCount: number) {
  const visible = anyTabVisible(tabs)
  const toldRef = useRef<{ visible: boolean; ready: number } | null>(null)
  useEffect(() => {
    if (!leader || readyCount === 0) {
      toldRef.current = null
      return
    }
    const told = toldRef.current
    if (told && told.visible === visible && told.ready === readyCount) return
    toldRef.current = { visible, ready: readyCount }
    reportPresence(visible ? 'online' : 'away').catch(() => {}) // a hint: the next change tells again
  }, [leader, visible, readyCount])
}
