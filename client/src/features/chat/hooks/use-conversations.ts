// The conversations this tab opened (with people and rooms) and what the user does in them: load
// pages of messages, send (optimistically), retry, edit and delete. Server answers go through the
// same reducer as stream events. Each is named by its Target and kept under its targetKey.
import { useCallback, useReducer, useRef } from 'react'

import { useLatest } from '../../../hooks/use-latest'
import { ApiError, errorMessage } from '../../../lib/api-client'
import { deleteMessage, editMessage, fetchMessagePage, sendMessage, toggleReaction, type Mentions } from '../api/chat-api'
import { conversationsReducer, type ConversationsAction, type ConversationsState } from '../model/conversations-reducer'
import type { FeedPosition } from '../model/feed-position'
import { oldestId, type MessagesAction } from '../model/messages-reducer'
import { hasReacted, shownReactions } from '../model/reactions'
import { targetKey, targetOf, targetOfDeleted, type AttachmentRef, type MessageChange, type Target, type UserRef } from '../model/types'
import type { MessageReactions } from '@payload-chat/server/protocol'

// Also the message's clientId on the server (8-64 of [A-Za-z0-9_-]), so it must be unique per
// sender across tabs and devices: a UUID where the browser offers one (secure contexts).
let tempCounter = 0
const newTempId = () =>
  globalThis.crypto?.randomUUID?.() ??
  `${Date.now().toString(36)}-${(tempCounter++).toString(36)}-${Math.random().toString(36).slice(2, 10)}${Math.random().toString(36).slice(2, 10)}`

// busy: a page of it is being loaded already; none: nothing older to load.
export type PageOutcome = 'loaded' | 'busy' | 'none' | 'failed'

const MAX_RATE_LIMITED_TRIES = 5
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

// `position`: the change-feed position the stream has reached. A REST answer is at least as new as
// the position when it was asked, and is merged as a copy from that position.
export function useConversations(user: UserRef, onError: (error: unknown) => void, position: FeedPosition) {
  const me = user.id
  const [conversations, dispatchAll] = useReducer(conversationsReducer, {})
  const conversationsRef = useLatest<ConversationsState>(conversations)
  const loadingRef = useRef(new Set<string>())
  const dispatch = useCallback(
    (target: Target, action: MessagesAction) => dispatchAll({ type: 'conversation', key: targetKey(target), action }),
    [],
  )

  // What became of a request for a page (a jump to a message loads pages until it is there).
  const loadPage = useCallback(
    async (target: Target, older: boolean): Promise<PageOutcome> => {
      const key = targetKey(target)
      if (loadingRef.current.has(key)) return 'busy'
      const conversation = conversationsRef.current[key]
      if (older && (!conversation?.loaded || !conversation.hasMore)) return 'none'
      loadingRef.current.add(key)
      try {
        const at = position.current
        const page = await fetchMessagePage(me, target, older && conversation ? oldestId(conversation) : null)
        dispatch(target, { type: 'page-loaded', ...page, position: at })
        return 'loaded'
      } catch (error) {
        onError(error)
        return 'failed'
      } finally {
        loadingRef.current.delete(key)
      }
    },
    [me, onError, position, conversationsRef, dispatch],
  )

  // Sends go out one at a time, in the order they were written, so a burst that meets the rate
  // limit waits its turn (Retry-After) instead of landing out of order.
  const queueRef = useRef<Promise<void>>(Promise.resolve())
  // Sends that failed because the server could not be reached, resent when the stream is back.
  const unreachedRef = useRef(new Map<string, Target>())
  const post = useCallback(
    (target: Target, tempId: string, content: string, mentions?: Mentions, replyTo?: number | null, attachments?: AttachmentRef[]) => {
      const attempt = async () => {
        for (let tries = 1; ; tries++) {
          try {
            const at = position.current
            const message = await sendMessage(target, content, tempId, mentions, replyTo, attachments?.map((file) => file.id))
            dispatch(target, { type: 'send-confirmed', tempId, message, position: at })
            return
          } catch (error) {
            const limited = error instanceof ApiError && error.status === 429 && tries < MAX_RATE_LIMITED_TRIES
            if (limited) {
              await sleep(1000 * (error.retryAfterSeconds ?? 1))
              continue
            }
            dispatch(target, { type: 'send-failed', tempId, error: errorMessage(error) })
            if (error instanceof ApiError && error.status === 0) unreachedRef.current.set(tempId, target)
            if (error instanceof ApiError && error.status === 401) onError(error)
            return
          }
        }
      }
      const next = queueRef.current.then(attempt)
      queueRef.current = next
      return next
    },
    [onError, position, dispatch],
  )

  const send = useCallback(
    (target: Target, content: string, mentions?: Mentions, replyTo?: number | null, attachments?: AttachmentRef[]) => {
      const tempId = newTempId()
      const at = new Date().toISOString()
      dispatch(target, { type: 'send-started', tempId, sender: user, target, content, at, replyTo, attachments, ...mentions })
      void post(target, tempId, content, mentions, replyTo, attachments)
    },
    [user, post, dispatch],
  )

  const retry = useCallback(
    (target: Target, tempId: string) => {
      unreachedRef.current.delete(tempId)
      const item = conversationsRef.current[targetKey(target)]?.items.find((i) => i.tempId === tempId && i.id === null && i.status === 'failed')
      if (!item) return
      dispatch(target, { type: 'send-retried', tempId })
      void post(target, tempId, item.content, { mentions: item.mentions, mentionsRoom: item.mentionsRoom }, item.replyTo, item.attachments)
    },
    [post, conversationsRef, dispatch],
  )

  // The server is reachable again: resend what failed only for want of it, in the order written.
  // Safe even if a send was stored after all: its clientId makes the server answer 409.
  const resendUnreached = useCallback(() => {
    for (const [tempId, target] of [...unreachedRef.current]) retry(target, tempId)
  }, [retry])

  const discard = useCallback((target: Target, tempId: string) => {
    unreachedRef.current.delete(tempId)
    dispatch(target, { type: 'send-discarded', tempId })
  }, [dispatch])

  // Resolves when saved; rejects with the server's message for the editor to show.
  const edit = useCallback(
    async (target: Target, id: number, content: string, mentions?: Mentions) => {
      const at = position.current
      const message = await editMessage(id, content, mentions)
      dispatch(target, { type: 'updated', message, position: at })
    },
    [position, dispatch],
  )

  // Sends a deletion; a failure shows the message again with the error. `keepalive`: the tab is
  // closing (the request outlives it).
  const remove = useCallback(async (target: Target, id: number, keepalive = false) => {
    dispatch(target, { type: 'delete-requested', id })
    try {
      await deleteMessage(id, keepalive)
      dispatch(target, { type: 'deleted', id })
    } catch (error) {
      dispatch(target, { type: 'delete-failed', id, error: `Not deleted: ${errorMessage(error)}` })
    }
  }, [dispatch])

  // A deletion waiting out its undo time hides its message; undone, it shows again.
  const hide = useCallback((target: Target, id: number) => dispatch(target, { type: 'delete-scheduled', id }), [dispatch])
  const unhide = useCallback((target: Target, id: number) => dispatch(target, { type: 'delete-undone', id }), [dispatch])

  // Toggles your reaction: shown at once, the server's answer (or the stream, whichever comes
  // first) confirms it, a refusal takes exactly this toggle back and is reported.
  const react = useCallback(
    async (target: Target, id: number, emoji: string) => {
      const item = conversationsRef.current[targetKey(target)]?.items.find((i) => i.id === id)
      if (!item) return
      const reacted = !hasReacted(shownReactions(item.reactions ?? [], item.myReactions ?? []), emoji, me)
      dispatch(target, { type: 'reaction-requested', id, emoji, user: me, reacted })
      try {
        const at = position.current
        const answer = await toggleReaction(id, emoji)
        dispatch(target, { type: 'reactions', id, reactions: answer.reactions, position: at })
      } catch (error) {
        dispatch(target, { type: 'reaction-failed', id, emoji, user: me })
        onError(error)
      }
    },
    [me, position, onError, conversationsRef, dispatch],
  )

  // A `message.reactions` event: the message's list as of `at`.
  const applyReactions = useCallback(
    (event: MessageReactions, at: number) => {
      const target = targetOfDeleted(me, event)
      if (target) dispatch(target, { type: 'reactions', id: event.id, reactions: event.reactions, position: at })
    },
    [me, dispatch],
  )

  // Opening a conversation (from the list or the URL) loads its first page unless it is loaded.
  const open = useCallback(
    (target: Target) => {
      if (conversationsRef.current[targetKey(target)]?.loaded) return
      dispatch(target, { type: 'opened' })
      void loadPage(target, false)
    },
    [loadPage, conversationsRef, dispatch],
  )

  // Stable, so the conversation view's effects that depend on it do not run on every render.
  const loadOlder = useCallback((target: Target) => loadPage(target, true), [loadPage])

  // Everything is reloaded from the server: every conversation forgets its messages (local sends
  // stay), the open one loads its first page again (a room only if you may read it: `openTarget`).
  const reload = useCallback(
    (openTarget: Target | null) => {
      dispatchAll({ type: 'reset-all' })
      if (openTarget !== null) void loadPage(openTarget, false)
    },
    [loadPage],
  )

  // A room you left or were removed from: nothing of it stays in this tab.
  const forget = useCallback((target: Target) => dispatchAll({ type: 'forget', key: targetKey(target) } satisfies ConversationsAction), [])

  const apply = useCallback(
    (change: MessageChange) => {
      if (change.kind === 'deleted') {
        const target = targetOfDeleted(me, change.deleted)
        if (target) dispatch(target, { type: 'deleted', id: change.deleted.id, by: change.deleted.by })
        return
      }
      const { message, position: at } = change
      dispatch(
        targetOf(me, message),
        change.kind === 'created' ? { type: 'created', message, me, position: at } : { type: 'updated', message, position: at },
      )
    },
    [me, dispatch],
  )

  return { conversations, open, loadOlder, reload, forget, apply, applyReactions, send, retry, resendUnreached, discard, edit, remove, hide, unhide, react }
}
