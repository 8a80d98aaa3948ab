// The chat session: the live stream feeding the sidebar and the conversations, the open conversation,
// read marking, the connection state and the tab title.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'

import { ApiError, errorMessage } from '../../../lib/api-client'
import { useEventSource } from '../../../hooks/use-event-source'
import { useOnline } from '../../../hooks/use-online'
import { useVisible } from '../../../hooks/use-visible'
import { sessionEnded } from '../../../session/session-api'
import { newestId } from '../model/messages-reducer'
import { readMarkFor, totalUnread } from '../model/people-reducer'
import { peerOf, type DeletedMessage, type Message } from '../model/types'
import { useOpenPeer } from './use-open-peer'
import { usePeople } from './use-people'
import { useConversations } from './use-conversations'

export const STREAM_URL = '/api/messages/sse'
export type Connection = 'live' | 'connecting' | 'reconnecting' | 'offline'

const parse = <T,>(data: string): T | null => {
  try {
    return JSON.parse(data) as T
  } catch {
    return null
  }
}

export function useChat(me: number, onLoggedOut: () => void) {
  // `network`: the server could not be reached; such an error goes away once the stream is live.
  const [error, setError] = useState<{ message: string; network: boolean } | null>(null)
  const visible = useVisible()
  const online = useOnline()

  const showError = useCallback(
    (err: unknown) => setError({ message: errorMessage(err), network: err instanceof ApiError && err.status === 0 }),
    [],
  )
  // A refused request logs out only when the server confirms that nobody is logged in; else the
  // person sees why it was refused and stays in the chat.
  const onError = useCallback(
    (err: unknown) => {
      if (!(err instanceof ApiError && err.status === 401)) return showError(err)
      sessionEnded().then(
        (ended) => (ended ? onLoggedOut() : showError(new Error(`${errorMessage(err)} (refused by the server although you are logged in)`))),
        showError,
      )
    },
    [onLoggedOut, showError],
  )
  // The change-feed position the stream has reached: copies of a message are ordered by it.
  const positionRef = useRef(0)
  const streamPosition = useCallback(() => positionRef.current, [])
  const people = usePeople(me, onError)
  const conversations = useConversations(me, onError, streamPosition)
  const { reload: reloadPeople, dispatch: dispatchPeople } = people
  const { loadPage, resendUnreached, dispatch: dispatchConversations } = conversations

  // Opening a conversation (here or from the URL) loads its first page unless it is loaded.
  const { openPeer, open } = useOpenPeer((peer) => {
    if (conversations.conversations[peer]?.loaded) return
    dispatchConversations({ type: 'conversation', peer, action: { type: 'opened' } })
    void loadPage(peer, false)
  })
  // Reading means the tab is visible and the newest messages are in view: someone scrolled up
  // into history has not read what arrives meanwhile.
  const [atBottom, setAtBottom] = useState(true)
  const readingPeer = visible && atBottom ? openPeer : null
  const readingRef = useRef(readingPeer)
  readingRef.current = readingPeer
  const openRef = useRef(openPeer)
  openRef.current = openPeer

  // Loads everything from REST: on the first `ready` (the stream is attached first, so nothing
  // committed after the snapshot can be missed) and on `reset`.
  const syncedRef = useRef(false)
  const resync = useCallback(() => {
    syncedRef.current = true
    dispatchConversations({ type: 'reset-all' })
    void reloadPeople()
    if (openRef.current !== null) void loadPage(openRef.current, false)
  }, [dispatchConversations, reloadPeople, loadPage])

  const handlers = useMemo(() => {
    const at = (eventId: string) => {
      if (/^\d+$/.test(eventId)) positionRef.current = Number(eventId)
      return positionRef.current
    }
    return {
      ready: (_data: string, eventId: string) => {
        at(eventId)
        if (!syncedRef.current) resync()
        else resendUnreached()
      },
      reset: (_data: string, eventId: string) => {
        at(eventId)
        resync()
      },
      'message.created': (data: string, eventId: string) => {
        const message = parse<Message>(data)
        if (!message) return
        const peer = peerOf(me, message.sender.id, message.receiver.id)
        dispatchConversations({ type: 'conversation', peer, action: { type: 'created', message, me, position: at(eventId) } })
        dispatchPeople({ type: 'created', message, openPeer: readingRef.current })
      },
      'message.updated': (data: string, eventId: string) => {
        const message = parse<Message>(data)
        if (!message) return
        const peer = peerOf(me, message.sender.id, message.receiver.id)
        dispatchConversations({ type: 'conversation', peer, action: { type: 'updated', message, position: at(eventId) } })
        dispatchPeople({ type: 'updated', message })
      },
      'message.deleted': (data: string, eventId: string) => {
        at(eventId)
        const event = parse<DeletedMessage>(data)
        if (!event) return
        const peer = peerOf(me, event.sender, event.receiver)
        if (peer === null) return
        dispatchConversations({ type: 'conversation', peer, action: { type: 'deleted', id: event.id } })
        dispatchPeople({ type: 'deleted', event })
      },
    }
  }, [me, resync, resendUnreached, dispatchConversations, dispatchPeople])

  const onClosed = useCallback(async () => {
    try {
      if (await sessionEnded()) {
        onLoggedOut()
        return false
      }
    } catch {
      // server unreachable or restarting: keep trying
    }
    return true
  }, [onLoggedOut])

  const stream = useEventSource({ url: STREAM_URL, handlers, onClosed })
  const connection: Connection = !online
    ? 'offline'
    : stream.status === 'open'
      ? 'live'
      : stream.status === 'connecting'
        ? 'connecting'
        : 'reconnecting'

  useEffect(() => {
    if (connection === 'live') setError((current) => (current?.network ? null : current))
  }, [connection])

  // Stable, so the conversation view's effects that depend on it do not run on every render.
  const loadOlder = useCallback((peer: number) => loadPage(peer, true), [loadPage])

  // Reading: the open conversation in a visible tab is marked read up to its newest message.
  const openConversation = openPeer === null ? undefined : conversations.conversations[openPeer]
  const { read } = people
  const openEntry = readingPeer === null ? undefined : people.people.byId[readingPeer]
  useEffect(() => {
    if (readingPeer === null || !openConversation?.loaded || !openEntry) return
    const upTo = readMarkFor(openEntry, newestId(openConversation))
    if (upTo !== null) read(readingPeer, upTo)
  }, [readingPeer, openConversation, openEntry, read])

  // Unsent text per conversation, kept while another one is open (not across reloads).
  const draftsRef = useRef(new Map<number, string>())
  const draftFor = useCallback((peer: number) => draftsRef.current.get(peer) ?? '', [])
  const saveDraft = useCallback((peer: number, text: string) => {
    if (text) draftsRef.current.set(peer, text)
    else draftsRef.current.delete(peer)
  }, [])

  const unread = totalUnread(people.people)
  useEffect(() => {
    document.title = unread > 0 ? `(${unread}) Payload Chat` : 'Payload Chat'
  }, [unread])

  return {
    people: people.people,
    conversations: conversations.conversations,
    openPeer,
    open,
    connection,
    reconnect: stream.reconnect,
    error: error?.message ?? null,
    dismissError: () => setError(null),
    loadOlder,
    atBottom,
    setAtBottom,
    draftFor,
    saveDraft,
    send: conversations.send,
    retry: conversations.retry,
    discard: conversations.discard,
    edit: conversations.edit,
    remove: conversations.remove,
  }
}
