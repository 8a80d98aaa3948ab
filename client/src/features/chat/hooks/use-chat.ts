// The chat screen's hooks put together. Each piece of state has one owner: the people list
// (usePeople), the conversations and their messages (useConversations), the open conversation
// (useOpenPeer), reading (useReadMarking), the error banner, drafts; the stream only reports
// changes, and this hook routes them to the owners.
import { useState } from 'react'

import { FeedPosition } from '../model/feed-position'
import { totalUnread } from '../model/people-reducer'
import { useChatStream } from './use-chat-stream'
import { useConnection } from './use-connection'
import { useConversations } from './use-conversations'
import { useDrafts } from './use-drafts'
import { useErrorBanner } from './use-error-banner'
import { useOpenPeer } from './use-open-peer'
import { usePeople } from './use-people'
import { useReadMarking } from './use-read-marking'
import { useResync } from './use-resync'
import { useUnreadTitle } from './use-unread-title'

export function useChat(me: number, onLoggedOut: () => void) {
  const [position] = useState(() => new FeedPosition())
  const banner = useErrorBanner(onLoggedOut)
  const people = usePeople(me, banner.report)
  const conversations = useConversations(me, banner.report, position)
  const { openPeer, open } = useOpenPeer(conversations.open)
  const reading = useReadMarking({
    openPeer,
    messages: openPeer === null ? undefined : conversations.conversations[openPeer],
    entry: openPeer === null ? undefined : people.people.byId[openPeer],
    read: people.read,
  })

  const resync = useResync(() => {
    conversations.reload(openPeer)
    void people.reload()
  }, conversations.resendUnreached)
  const stream = useChatStream(
    position,
    {
      ...resync,
      change: (change) => {
        conversations.apply(change)
        people.apply(change, reading.readingPeer)
      },
    },
    onLoggedOut,
  )
  const connection = useConnection(stream.status, banner.networkRestored)
  const drafts = useDrafts()
  useUnreadTitle(totalUnread(people.people))

  return {
    people: people.people,
    conversations: conversations.conversations,
    openPeer,
    open,
    connection,
    reconnect: stream.reconnect,
    error: banner.message,
    dismissError: banner.dismiss,
    loadOlder: conversations.loadOlder,
    atBottom: reading.atBottom,
    setAtBottom: reading.setAtBottom,
    draftFor: drafts.draftFor,
    saveDraft: drafts.saveDraft,
    send: conversations.send,
    retry: conversations.retry,
    discard: conversations.discard,
    edit: conversations.edit,
    remove: conversations.remove,
  }
}
