import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'

import { useFileDrop, useUploads } from '../../../attachments'
import type { Mentions } from '../api/chat-api'
import type { MentionCandidate } from '../model/mentions'
import type { MessageFocus } from '../hooks/use-jump'
import { visibleItems, type MessagesState } from '../model/messages-reducer'
import { blockedRunLabel, foldBlocked } from '../model/moderation'
import { quoteOf } from '../model/replies'
import { buildTimeline } from '../model/timeline'
import { mentionsMe, type AttachmentRef, type ChatItem } from '../model/types'
import { Composer } from './composer'
import { MessageItem, type MessageActions } from './message-item'
import { ReplyBar } from './reply-bar'
import { UndoToasts } from './undo-toasts'
import { TypingLine } from './typing-line'

// What the view says about its conversation: a person's (`Bob`) or a room's (`#general`).
export interface ConversationTitle {
  key: string // its targetKey: a new one is a new conversation
  title: string
  label: string // the section's name, e.g. "Conversation with Bob", "Room #general"
  logLabel: string // the message list's, e.g. "Messages with Bob", "Messages in #general"
  room: boolean // a room: each message shows its sender, mentions of you are highlighted
  details?: ReactNode // under the title (a room's topic and controls)
}

export interface ConversationViewProps {
  conversation: ConversationTitle
  me: number
  messages: MessagesState | undefined
  actions: MessageActions
  onSend: (content: string, mentions?: Mentions, replyTo?: number | null, attachments?: AttachmentRef[]) => void
  mentionables?: MentionCandidate[]
  draft: string
  onDraftChange: (text: string) => void
  onLoadOlder: () => void
  onBack: () => void
  // Unread messages in this conversation, shown on the way back down when scrolled up.
  unread: number
  // Whether the newest messages are in view (kept by the chat: it decides what is read).
  atBottom: boolean
  onAtBottomChange: (atBottom: boolean) => void // stable: a new one counts as opening the conversation again
  typing?: string[] // the names of those typing here
  onTyping?: () => void
  seenId?: number | null // a DM: your message the other person has read up to ("Seen")
  blocked?: ReadonlySet<number> // in a room: people you blocked, whose messages are folded away
  composerNotice?: ReactNode // said instead of the composer (e.g. you blocked this person)
  focusMessage?: MessageFocus | null // a message to bring into view, highlight and focus (a jump)
  notice?: string | null // about the conversation (a jump that found nothing)
  onDismissNotice?: () => void
  pendingDeletes?: { id: number }[] // deletions of this conversation that can still be undone
  onUndoDelete?: (id: number) => void
}

const NEAR = 80
const HIGHLIGHT_MS = 2500
const authorOf = (item: ChatItem, me: number) => (item.senderId === me ? 'You' : item.senderName)
const DESKTOP = '(min-width: 721px) and (pointer: fine)'

export function ConversationView(props: ConversationViewProps) {
  const { conversation, me, messages, actions, onSend, mentionables, draft, onDraftChange, onLoadOlder, onBack, unread, atBottom, onAtBottomChange } = props
  const { typing = [], onTyping, seenId = null, blocked, composerNotice, focusMessage = null, notice = null, onDismissNotice } = props
  const { pendingDeletes = [], onUndoDelete } = props
  const { key: conversationKey, title, room } = conversation
  const items = useMemo(() => (messages ? visibleItems(messages) : []), [messages])
  const loadedById = useMemo(() => {
    const byId = new Map(items.map((item) => [item.id, item]))
    return (id: number) => byId.get(id)
  }, [items])
  // Runs of blocked people's messages the reader asked to see (keys are unique across rooms).
  const [shownRuns, setShownRuns] = useState<ReadonlySet<string>>(new Set())
  const rows = useMemo(
    () => (room && blocked ? foldBlocked(buildTimeline(items), blocked, me, shownRuns) : buildTimeline(items)),
    [items, room, blocked, me, shownRuns],
  )
  const scrollRef = useRef<HTMLDivElement>(null)
  const atBottomRef = useRef(true)
  const reportAtBottom = useCallback(
    (value: boolean) => {
      atBottomRef.current = value
      onAtBottomChange(value)
    },
    [onAtBottomChange],
  )
  const firstKeyRef = useRef<string | null>(null)
  const heightRef = useRef(0)
  const loaded = messages?.loaded ?? false
  const canLoadOlder = loaded && (messages?.hasMore ?? false)

  // Keeps the view pinned to the newest message, and still when older pages are prepended.
  useLayoutEffect(() => {
    const el = scrollRef.current
    if (!el) return
    const firstKey = items[0]?.key ?? null
    const last = items[items.length - 1]
    const prepended = firstKeyRef.current !== null && firstKey !== firstKeyRef.current && !atBottomRef.current
    if (prepended) el.scrollTop += el.scrollHeight - heightRef.current
    else if (atBottomRef.current || (last && last.senderId === me && last.status === 'pending')) el.scrollTop = el.scrollHeight
    firstKeyRef.current = firstKey
    heightRef.current = el.scrollHeight
  }, [items, me])

  // Opening a conversation on a desktop puts the cursor in the composer; not on a phone, where
  // that would pop up the keyboard over the messages.
  const composerRef = useRef<HTMLTextAreaElement>(null)
  useEffect(() => {
    reportAtBottom(true)
    firstKeyRef.current = null
    if (window.matchMedia?.(DESKTOP).matches) composerRef.current?.focus()
  }, [conversationKey, reportAtBottom])

  // The message being answered (in this conversation only): shown above the composer, sent with
  // the next message.
  const [reply, setReply] = useState<{ conversation: string; item: ChatItem } | null>(null)
  const replyingTo = reply?.conversation === conversationKey ? reply.item : null
  const cancelReply = () => {
    setReply(null)
    composerRef.current?.focus()
  }

  // The files of the message being written: picked, pasted, or dropped anywhere on the
  // conversation. Another conversation starts with none (uploads still going are abandoned).
  const uploads = useUploads()
  const { clear: clearUploads } = uploads
  useEffect(() => () => clearUploads(), [conversationKey, clearUploads])
  const { dropping, dropProps } = useFileDrop(uploads.add, !composerNotice)

  const itemActions = useMemo<MessageActions>(
    () => ({
      ...actions,
      onReply: (item) => {
        setReply({ conversation: conversationKey, item })
        composerRef.current?.focus()
      },
    }),
    [actions, conversationKey],
  )
  const send = (content: string, mentions?: Mentions, attachments?: AttachmentRef[]) => {
    onSend(content, mentions, replyingTo?.id ?? null, attachments)
    setReply(null)
  }
  const onComposerKeyDown = (event: KeyboardEvent) => {
    // Escape cancels the reply, unless it closed the mention picker.
    const picking = (event.target as HTMLElement).getAttribute('aria-expanded') === 'true'
    if (event.key === 'Escape' && replyingTo && !picking) cancelReply()
  }

  // An undone deletion: the message is back, and so is the keyboard. One sent: the toast that had
  // the focus is gone, the composer gets it.
  const undoDelete = (id: number) => {
    onUndoDelete?.(id)
    requestAnimationFrame(() => scrollRef.current?.querySelector<HTMLElement>(`[data-message-id="${id}"]`)?.focus())
  }
  const toasts = pendingDeletes.map(({ id }) => ({ id, text: messages?.items.find((item) => item.id === id)?.content ?? '' }))
  const toastCount = toasts.length
  const toastCountRef = useRef(toastCount)
  useEffect(() => {
    const lostFocus = document.activeElement === null || document.activeElement === document.body
    if (toastCount < toastCountRef.current && lostFocus) composerRef.current?.focus()
    toastCountRef.current = toastCount
  }, [toastCount])

  // A first page too short to scroll cannot be scrolled up: fetch more until it can.
  useEffect(() => {
    const el = scrollRef.current
    if (el && canLoadOlder && el.scrollHeight <= el.clientHeight) onLoadOlder()
  }, [canLoadOlder, items, onLoadOlder])

  const scrollToNewest = () => {
    const el = scrollRef.current
    if (el) el.scrollTop = el.scrollHeight
  }

  const onScroll = () => {
    const el = scrollRef.current
    if (!el) return
    const bottom = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR
    if (bottom !== atBottomRef.current) reportAtBottom(bottom)
    heightRef.current = el.scrollHeight
    if (el.scrollTop < NEAR && canLoadOlder) onLoadOlder()
  }

  // A jump: the message into the middle of the view, highlighted a moment, the keyboard on it.
  const [highlighted, setHighlighted] = useState<number | null>(null)
  const focusedSeqRef = useRef(-1)
  useEffect(() => {
    const scroller = scrollRef.current
    if (!focusMessage || !scroller || focusedSeqRef.current === focusMessage.seq) return
    const el = scroller.querySelector<HTMLElement>(`[data-message-id="${focusMessage.id}"]`)
    if (!el) return // not rendered yet
    focusedSeqRef.current = focusMessage.seq
    el.scrollIntoView?.({ block: 'center' })
    el.focus({ preventScroll: true })
    // Away from the newest messages now: arrivals must not pull the view back down.
    reportAtBottom(scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < NEAR)
    setHighlighted(focusMessage.id)
  }, [focusMessage, rows, reportAtBottom])
  useEffect(() => {
    if (highlighted === null) return
    const timer = setTimeout(() => setHighlighted(null), HIGHLIGHT_MS)
    return () => clearTimeout(timer)
  }, [highlighted])

  return (
    <section className={`conversation${dropping ? ' dropping' : ''}`} aria-label={conversation.label} {...dropProps}>
      <header className="conversation-header">
        <button type="button" className="back" onClick={onBack} aria-label="Back to conversations">
          ‹
        </button>
        <h2>{title}</h2>
        {conversation.details}
      </header>
      <div className="scroller" ref={scrollRef} onScroll={onScroll}>
        {canLoadOlder && (
          <button type="button" className="link older" onClick={onLoadOlder}>
            Load older messages
          </button>
        )}
        {loaded && !messages?.hasMore && items.length > 0 && (
          <p className="muted history-start">{room ? `Start of ${title}` : 'Start of your conversation'}</p>
        )}
        {!loaded && <p className="muted history-start">Loading messages…</p>}
        {loaded && items.length === 0 && <p className="muted history-start">No messages yet. Say hello!</p>}
        <ol className="messages" role="log" aria-label={conversation.logLabel} aria-live="polite">
          {rows.map((row) =>
            row.kind === 'day' ? (
              <li key={row.key} className="day" role="separator" aria-label={row.label}>
                <span>{row.label}</span>
              </li>
            ) : row.kind === 'blocked' ? (
              <li key={row.key} className="message theirs removed blocked-run">
                <p className="bubble">
                  {blockedRunLabel(row.items.length)} —{' '}
                  <button type="button" className="link" onClick={() => setShownRuns((shown) => new Set(shown).add(row.key))}>
                    Show
                  </button>
                </p>
              </li>
            ) : (
              <MessageItem
                key={row.key}
                item={row.item}
                own={row.item.senderId === me}
                author={authorOf(row.item, me)}
                showAuthor={room}
                mentioned={room && row.item.senderId !== me && mentionsMe(me, row.item)}
                seen={seenId !== null && row.item.id === seenId}
                actions={itemActions}
                mentionables={room ? mentionables : undefined}
                me={me}
                quote={quoteOf(row.item, loadedById)}
                highlighted={highlighted !== null && row.item.id === highlighted}
              />
            ),
          )}
        </ol>
      </div>
      {!atBottom && unread > 0 && (
        <button type="button" className="jump primary" onClick={scrollToNewest}>
          {unread === 1 ? '1 new message' : `${unread} new messages`} ↓
        </button>
      )}
      {notice && (
        <p className="conversation-notice" role="status">
          {notice}{' '}
          {onDismissNotice && (
            <button type="button" className="link" onClick={onDismissNotice}>
              Dismiss
            </button>
          )}
        </p>
      )}
      {onUndoDelete && <UndoToasts toasts={toasts} onUndo={undoDelete} />}
      <TypingLine names={typing} />
      {composerNotice ? (
        <div className="composer composer-notice" role="status">
          {composerNotice}
        </div>
      ) : (
        <div className="composer-area" onKeyDown={onComposerKeyDown}>
          {replyingTo && <ReplyBar author={authorOf(replyingTo, me)} text={replyingTo.content} onCancel={cancelReply} />}
          <Composer
            key={conversationKey}
            onTyping={onTyping}
            onSend={send}
            draft={draft}
            onDraftChange={onDraftChange}
            inputRef={composerRef}
            mentionables={mentionables}
            uploads={uploads}
          />
        </div>
      )}
    </section>
  )
}
