// The open conversation lives in the URL (#/c/<user id> for a person, #/room/<room id> for a
// room): a phone's Back button returns to the list instead of leaving the app, a reload keeps the
// conversation open, and a conversation can be linked to. What the URL names is only a wish: the
// chat shows a room only to whoever may see it.
import { useCallback, useEffect, useRef, useState } from 'react'

import { useLatest } from '../../../hooks/use-latest'
import { sameTarget, type Target } from '../model/types'

export function targetFromHash(hash: string): Target | null {
  const match = /^#\/(c|room)\/([1-9]\d{0,15})$/.exec(hash)
  if (!match) return null
  return { kind: match[1] === 'c' ? 'dm' : 'room', id: Number(match[2]) }
}

export const hashFor = (target: Target | null): string =>
  target === null ? '#/' : target.kind === 'dm' ? `#/c/${target.id}` : `#/room/${target.id}`

export function useOpenTarget() {
  const [openTarget, setOpenTarget] = useState<Target | null>(() => targetFromHash(window.location.hash))
  const currentRef = useLatest(openTarget)
  // Whether the current history entry is one this tab pushed when a conversation was opened
  // from the list: closing it then goes back, so Back and the close button agree.
  const pushedRef = useRef(false)

  useEffect(() => {
    const onPop = () => {
      pushedRef.current = false
      setOpenTarget(targetFromHash(window.location.hash))
    }
    // A link followed inside the app changes only the hash (hashchange; Back and Forward: popstate).
    window.addEventListener('popstate', onPop)
    window.addEventListener('hashchange', onPop)
    return () => {
      window.removeEventListener('popstate', onPop)
      window.removeEventListener('hashchange', onPop)
    }
  }, [])

  const open = useCallback((target: Target | null) => {
    const current = currentRef.current
    if (sameTarget(target, current)) return
    if (target === null && pushedRef.current) {
      window.history.back() // popstate closes it
      return
    }
    if (target !== null && current === null) {
      window.history.pushState(window.history.state, '', hashFor(target))
      pushedRef.current = true
    } else {
      // Switching conversations replaces the entry: Back goes to the list, not through each one.
      window.history.replaceState(window.history.state, '', hashFor(target))
    }
    setOpenTarget(target)
  }, [currentRef])

  return { openTarget, open }
}
