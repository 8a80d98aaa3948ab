// The conversations this tab opened and what the user does in them: load pages of messages, send
// (optimistically), retry, edit and delete. Server answers go through the same reducer as stream events.
import { useCallback, useReducer, useRef } from 'react'

import { useLatest } from '../../../hooks/use-latest'
import { ApiError, errorMessage } from '../../../lib/api-client'
import { deleteMessage, editMessage, fetchMessagePage, sendMessage } from '../api/chat-api'
import { conversationsReducer, type ConversationsState } from '../model/conversations-reducer'
import type { FeedPosition } from '../model/feed-position'
import { oldestId } from '../model/messages-reducer'
import { peerOf, type MessageChange } from '../model/types'

// Also the message's clientId on the server (8-64 of [A-Za-z0-9_-]), so it must be unique per
// sender across tabs and devices: a UUID where the browser offers one (secure contexts).
let tempCounter = 0
const newTempId = () =>
  globalThis.crypto?.randomUUID?.() ??
  `${Date.now().toString(36)}-${(tempCounter++).toString(36)}-${Math.random().toString(36).slice(2, 10)}${Math.random().toString(36).slice(2, 10)}`

const MAX_RATE_LIMITED_TRIES = 5
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

// `position`: the change-feed position the stream has reached. A REST answer is at least as new as
// the position when it was asked, and is merged as a copy from that position.
export function useConversations(me: number, onError: (error: unknown) => void, position: FeedPosition) {
  const [conversations, dispatch] = useReducer(conversationsReducer, {})
  const conversationsRef = useLatest<ConversationsState>(conversations)
  const loadingRef = useRef(new Set<number>())

  const loadPage = useCallback(
    async (peer: number, older: boolean) => {
      if (loadingRef.current.has(peer)) return
      const conversation = conversationsRef.current[peer]
      if (older && (!conversation?.loaded || !conversation.hasMore)) return
      loadingRef.current.add(peer)
      try {
        const at = position.current
        const page = await fetchMessagePage(me, peer, older && conversation ? oldestId(conversation) : null)
        dispatch({ type: 'conversation', peer, action: { type: 'page-loaded', ...page, position: at } })
      } catch (error) {
        onError(error)
      } finally {
        loadingRef.current.delete(peer)
      }
    },
    [me, onError, position, conversationsRef],
  )

  // Sends go out one at a time, in the order they were written, so a burst that meets the rate
  // limit waits its turn (Retry-After) instead of landing out of order.
  const queueRef = useRef<Promise<void>>(Promise.resolve())
  // Sends that failed because the server could not be reached, resent when the stream is back.
  const unreachedRef = useRef(new Map<string, number>())
  const post = useCallback(
    (peer: number, tempId: string, content: string) => {
      const attempt = async () => {
        for (let tries = 1; ; tries++) {
          try {
            const at = position.current
            const message = await sendMessage(peer, content, tempId)
            dispatch({ type: 'conversation', peer, action: { type: 'send-confirmed', tempId, message, position: at } })
            return
          } catch (error) {
            const limited = error instanceof ApiError && error.status === 429 && tries < MAX_RATE_LIMITED_TRIES
            if (limited) {
              await sleep(1000 * (error.retryAfterSeconds ?? 1))
              continue
            }
            dispatch({ type: 'conversation', peer, action: { type: 'send-failed', tempId, error: errorMessage(error) } })
            if (error instanceof ApiError && error.status === 0) unreachedRef.current.set(tempId, peer)
            if (error instanceof ApiError && error.status === 401) onError(error)
            return
          }
        }
      }
      const next = queueRef.current.then(attempt)
      queueRef.current = next
      return next
    },
    [onError, position],
  )

  const send = useCallback(
    (peer: number, content: string) => {
      const tempId = newTempId()
      const at = new Date().toISOString()
      dispatch({ type: 'conversation', peer, action: { type: 'send-started', tempId, senderId: me, receiverId: peer, content, at } })
      void post(peer, tempId, content)
    },
    [me, post],
  )

  const retry = useCallback(
    (peer: number, tempId: string) => {
      unreachedRef.current.delete(tempId)
      const item = conversationsRef.current[peer]?.items.find((i) => i.tempId === tempId && i.id === null && i.status === 'failed')
      if (!item) return
      dispatch({ type: 'conversation', peer, action: { type: 'send-retried', tempId } })
      void post(peer, tempId, item.content)
    },
    [post, conversationsRef],
  )

  // The server is reachable again: resend what failed only for want of it, in the order written.
  // Safe even if a send was stored after all: its clientId makes the server answer 409.
  const resendUnreached = useCallback(() => {
    for (const [tempId, peer] of [...unreachedRef.current]) retry(peer, tempId)
  }, [retry])

  const discard = useCallback((peer: number, tempId: string) => {
    unreachedRef.current.delete(tempId)
    dispatch({ type: 'conversation', peer, action: { type: 'send-discarded', tempId } })
  }, [])

  // Resolves when saved; rejects with the server's message for the editor to show.
  const edit = useCallback(
    async (peer: number, id: number, content: string) => {
      const at = position.current
      const message = await editMessage(id, content)
      dispatch({ type: 'conversation', peer, action: { type: 'updated', message, position: at } })
    },
    [position],
  )

  const remove = useCallback(async (peer: number, id: number) => {
    dispatch({ type: 'conversation', peer, action: { type: 'delete-requested', id } })
    try {
      await deleteMessage(id)
      dispatch({ type: 'conversation', peer, action: { type: 'deleted', id } })
    } catch (error) {
      dispatch({ type: 'conversation', peer, action: { type: 'delete-failed', id } })
      throw error
    }
  }, [])

  // Opening a conversation (from the list or the URL) loads its first page unless it is loaded.
  const open = useCallback(
    (peer: number) => {
      if (conversationsRef.current[peer]?.loaded) return
      dispatch({ type: 'conversation', peer, action: { type: 'opened' } })
      void loadPage(peer, false)
    },
    [loadPage, conversationsRef],
  )

  // Stable, so the conversation view's effects that depend on it do not run on every render.
  const loadOlder = useCallback((peer: number) => loadPage(peer, true), [loadPage])

  // Everything is reloaded from the server: every conversation forgets its messages (local sends
  // stay), the open one loads its first page again.
  const reload = useCallback(
    (openPeer: number | null) => {
      dispatch({ type: 'reset-all' })
      if (openPeer !== null) void loadPage(openPeer, false)
    },
    [loadPage],
  )

  const apply = useCallback(
    (change: MessageChange) => {
      // Room messages are not shown yet: only DMs have a conversation here.
      if (change.kind === 'deleted' ? change.deleted.room : !change.message.receiver) return
      if (change.kind === 'deleted') {
        const peer = peerOf(me, change.deleted.sender, change.deleted.receiver)
        if (peer !== null) dispatch({ type: 'conversation', peer, action: { type: 'deleted', id: change.deleted.id } })
        return
      }
      const { message, position: at } = change
      const peer = peerOf(me, message.sender.id, message.receiver!.id)
      dispatch({
        type: 'conversation',
        peer,
        action: change.kind === 'created' ? { type: 'created', message, me, position: at } : { type: 'updated', message, position: at },
      })
    },
    [me],
  )

  return { conversations, open, loadOlder, reload, apply, send, retry, resendUnreached, discard, edit, remove }
}
