// The open conversation lives in the URL (#/c/<user id> for a person, #/room/<room id> for a
// room): a phone's Back button returns to the list instead of leaving the app, a reload keeps the
// conversation open, and a conversation can be linked to. What the URL names is only a wish: the
// chat shows a room only to whoever may see it. A link to a message (…/m/<id>, lib/message-link.ts)
// opens its conversation and asks for a jump to it; the URL then names the conversation only, so
// the same link followed again jumps again.
import { useCallback, useEffect, useRef, useState } from 'react'

import { useLatest } from '../../../hooks/use-latest'
import { conversationHash, parseChatHash } from '../../../lib/message-link'
import { sameTarget, type Target } from '../model/types'

export const targetFromHash = (hash: string): Target | null => parseChatHash(hash)?.conversation ?? null

export const hashFor = conversationHash

// A request to show message `messageId` of `target`; `seq` tells two requests for the same apart.
export interface JumpRequest {
  target: Target
  messageId: number
  seq: number
}

let jumpSeq = 0
const jumpFromHash = (hash: string): JumpRequest | null => {
  const location = parseChatHash(hash)
  return location?.messageId ? { target: location.conversation, messageId: location.messageId, seq: ++jumpSeq } : null
}

export function useOpenTarget() {
  const [openTarget, setOpenTarget] = useState<Target | null>(() => targetFromHash(window.location.hash))
  const [jump, setJump] = useState<JumpRequest | null>(() => jumpFromHash(window.location.hash))
  const currentRef = useLatest(openTarget)
  // Whether the current history entry is one this tab pushed when a conversation was opened
  // from the list: closing it then goes back, so Back and the close button agree.
  const pushedRef = useRef(false)

  useEffect(() => {
    const onPop = () => {
      pushedRef.current = false
      const target = targetFromHash(window.location.hash)
      setOpenTarget(target)
      const request = jumpFromHash(window.location.hash)
      if (request) setJump(request)
      else if (!sameTarget(target, currentRef.current)) setJump(null)
    }
    // A link followed inside the app changes only the hash (hashchange; Back and Forward: popstate).
    window.addEventListener('popstate', onPop)
    window.addEventListener('hashchange', onPop)
    return () => {
      window.removeEventListener('popstate', onPop)
      window.removeEventListener('hashchange', onPop)
    }
  }, [currentRef])

  // A message link has been read: the URL keeps the conversation only.
  useEffect(() => {
    if (jump && parseChatHash(window.location.hash)?.messageId) window.history.replaceState(window.history.state, '', hashFor(jump.target))
  }, [jump])

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
    setJump(null)
  }, [currentRef])

  // Opens `target` at message `messageId` (a quote's original, a search result).
  const openAt = useCallback(
    (target: Target, messageId: number) => {
      open(target)
      setJump({ target, messageId, seq: ++jumpSeq })
    },
    [open],
  )

  return { openTarget, open, jump, openAt }
}
