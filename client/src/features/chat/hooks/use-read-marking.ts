// Reading: the open conversation (with a person or a room) counts as read while the tab is visible
// and its newest messages are in view (someone scrolled up into history has not read what arrives
// meanwhile); it is then marked read up to its newest message.
import { useEffect, useState } from 'react'

import { useVisible } from '../../../hooks/use-visible'
import { newestId, type MessagesState } from '../model/messages-reducer'
import { readMarkFor, type ReadCounts } from '../model/read-state'
import type { Target } from '../model/types'

export interface ReadMarkingInput {
  openTarget: Target | null
  messages: MessagesState | undefined // the open conversation's
  counts: ReadCounts | undefined // the open conversation's entry in the people or rooms list
  read: (target: Target, upTo: number) => void
}

export function useReadMarking({ openTarget, messages, counts, read }: ReadMarkingInput) {
  const visible = useVisible()
  const [atBottom, setAtBottom] = useState(true)
  const readingTarget = visible && atBottom ? openTarget : null

  useEffect(() => {
    if (readingTarget === null || !messages?.loaded || !counts) return
    const upTo = readMarkFor(counts, newestId(messages))
    if (upTo !== null) read(readingTarget, upTo)
  }, [readingTarget, messages, counts, read])

  return { readingTarget, atBottom, setAtBottom }
}
