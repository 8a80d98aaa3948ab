// Reading: the open conversation counts as read while the tab is visible and its newest messages
// are in view (someone scrolled up into history has not read what arrives meanwhile); it is then
// marked read up to its newest message.
import { useEffect, useState } from 'react'

import { useVisible } from '../../../hooks/use-visible'
import { newestId, type MessagesState } from '../model/messages-reducer'
import { readMarkFor, type PersonEntry } from '../model/people-reducer'

export interface ReadMarkingInput {
  openPeer: number | null
  messages: MessagesState | undefined // the open conversation's
  entry: PersonEntry | undefined // the open conversation's peer in the people list
  read: (peer: number, upTo: number) => void
}

export function useReadMarking({ openPeer, messages, entry, read }: ReadMarkingInput) {
  const visible = useVisible()
  const [atBottom, setAtBottom] = useState(true)
  const readingPeer = visible && atBottom ? openPeer : null

  useEffect(() => {
    if (readingPeer === null || !messages?.loaded || !entry) return
    const upTo = readMarkFor(entry, newestId(messages))
    if (upTo !== null) read(readingPeer, upTo)
  }, [readingPeer, messages, entry, read])

  return { readingPeer, atBottom, setAtBottom }
}
