// The open conversation lives in the URL (#/c/<user id>): a phone's Back button returns to the
// people list instead of leaving the app, a reload keeps the conversation open, and a
// conversation can be linked to.
import { useCallback, useEffect, useRef, useState } from 'react'

import { useLatest } from '../../../hooks/use-latest'

export function peerFromHash(hash: string): number | null {
  const match = /^#\/c\/([1-9]\d{0,15})$/.exec(hash)
  return match ? Number(match[1]) : null
}

export const hashFor = (peer: number | null): string => (peer === null ? '#/' : `#/c/${peer}`)

export function useOpenPeer(onOpened: (peer: number) => void) {
  const [openPeer, setOpenPeer] = useState<number | null>(() => peerFromHash(window.location.hash))
  const currentRef = useLatest(openPeer)
  const onOpenedRef = useLatest(onOpened)
  // Whether the current history entry is one this tab pushed when a conversation was opened
  // from the list: closing it then goes back, so Back and the close button agree.
  const pushedRef = useRef(false)

  useEffect(() => {
    const onPop = () => {
      const peer = peerFromHash(window.location.hash)
      pushedRef.current = false
      setOpenPeer(peer)
      if (peer !== null) onOpenedRef.current(peer)
    }
    window.addEventListener('popstate', onPop)
    return () => window.removeEventListener('popstate', onPop)
  }, [onOpenedRef])

  const open = useCallback((peer: number | null) => {
    const current = currentRef.current
    if (peer === current) return
    if (peer === null && pushedRef.current) {
      window.history.back() // popstate closes it
      return
    }
    if (peer !== null && current === null) {
      window.history.pushState(window.history.state, '', hashFor(peer))
      pushedRef.current = true
    } else {
      // Switching conversations replaces the entry: Back goes to the list, not through each one.
      window.history.replaceState(window.history.state, '', hashFor(peer))
    }
    setOpenPeer(peer)
    if (peer !== null) onOpenedRef.current(peer)
  }, [currentRef, onOpenedRef])

  return { openPeer, open }
}
