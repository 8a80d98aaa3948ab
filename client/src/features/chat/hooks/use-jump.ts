// Jumping to a message of the open conversation (a reply's quote, a link from search): once its
// first page is there, older pages are loaded until the message is (at most MAX_JUMP_PAGES of
// them); then the view is asked to show it, or told it is not there.
import { useEffect, useRef, useState } from 'react'

import type { MessagesState } from '../model/messages-reducer'
import { jumpStep } from '../model/replies'
import { sameTarget, type Target } from '../model/types'
import type { PageOutcome } from './use-conversations'
import type { JumpRequest } from './use-open-target'

// 20 pages of 50: a thousand messages back. Further than that is not worth the wait.
export const MAX_JUMP_PAGES = 20

// The message the view should bring into view and focus; `seq` makes a second jump to the same
// message a new one.
export interface MessageFocus {
  id: number
  seq: number
}

export const JUMP_NOT_FOUND = 'That message is not in this conversation any more.'
const JUMP_FAILED = 'The message could not be loaded. Try again.'

export function useJump(shown: Target | null, request: JumpRequest | null, messages: MessagesState | undefined, loadOlder: (target: Target) => Promise<PageOutcome>) {
  const [focus, setFocus] = useState<MessageFocus | null>(null)
  const [notice, setNotice] = useState<{ seq: number; text: string } | null>(null)
  const doneRef = useRef(new Set<number>())
  const pagesRef = useRef({ seq: -1, pages: 0 })
  const [retries, setRetries] = useState(0)
  const loadingRef = useRef(false)

  useEffect(() => {
    if (!request || !shown || !sameTarget(request.target, shown) || doneRef.current.has(request.seq) || loadingRef.current) return
    const { seq, messageId } = request
    if (pagesRef.current.seq !== seq) pagesRef.current = { seq, pages: 0 }
    const finish = (outcome: { focus: MessageFocus } | { notice: string }) => {
      doneRef.current.add(seq)
      if ('focus' in outcome) setFocus(outcome.focus)
      else setNotice({ seq, text: outcome.notice })
    }
    const step = jumpStep(messages, messageId, pagesRef.current.pages, MAX_JUMP_PAGES)
    if (step === 'found') finish({ focus: { id: messageId, seq } })
    else if (step === 'not-found') finish({ notice: JUMP_NOT_FOUND })
    else if (step === 'load-older') {
      pagesRef.current.pages++
      loadingRef.current = true
      void loadOlder(shown).then((outcome) => {
        loadingRef.current = false
        if (outcome === 'failed') finish({ notice: JUMP_FAILED })
        // Another load of this conversation was under way: look again once it is done.
        else if (outcome === 'busy') {
          pagesRef.current.pages--
          setTimeout(() => setRetries((n) => n + 1), 100)
        } else setRetries((n) => n + 1)
      })
    }
  }, [request, shown, messages, loadOlder, retries])

  // The notice belongs to the conversation it was about.
  const shownNotice = notice && request?.seq === notice.seq && shown && sameTarget(request.target, shown) ? notice.text : null
  return { focus, notice: shownNotice, dismiss: () => setNotice(null) }
}
