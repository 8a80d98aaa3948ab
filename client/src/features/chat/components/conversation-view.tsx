import { useCallback, useEffect, useLayoutEffect, useMemo, useRef } from 'react'

import type { MessagesState } from '../model/messages-reducer'
import { buildTimeline } from '../model/timeline'
import type { UserRef } from '../model/types'
import { Composer } from './composer'
import { MessageItem, type MessageActions } from './message-item'

export interface ConversationViewProps {
  peer: UserRef
  me: number
  messages: MessagesState | undefined
  actions: MessageActions
  onSend: (content: string) => void
  draft: string
  onDraftChange: (text: string) => void
  onLoadOlder: () => void
  onBack: () => void
  // Unread messages in this conversation, shown on the way back down when scrolled up.
  unread: number
  // Whether the newest messages are in view (kept by the chat: it decides what is read).
  atBottom: boolean
  onAtBottomChange: (atBottom: boolean) => void // stable: a new one counts as opening the conversation again
}

const NEAR = 80
const DESKTOP = '(min-width: 721px) and (pointer: fine)'

export function ConversationView(props: ConversationViewProps) {
  const { peer, me, messages, actions, onSend, draft, onDraftChange, onLoadOlder, onBack, unread, atBottom, onAtBottomChange } = props
  const items = useMemo(() => messages?.items ?? [], [messages])
  const rows = useMemo(() => buildTimeline(items), [items])
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
  const title = peer.id === me ? `${peer.name} (you)` : peer.name

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
  }, [peer.id, reportAtBottom])

  // A deleted message leaves the list: keep the keyboard user in the conversation.
  const itemActions = useMemo<MessageActions>(
    () => ({
      ...actions,
      onDelete: async (id) => {
        await actions.onDelete(id)
        composerRef.current?.focus()
      },
    }),
    [actions],
  )

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

  return (
    <section className="conversation" aria-label={`Conversation with ${title}`}>
      <header className="conversation-header">
        <button type="button" className="back" onClick={onBack} aria-label="Back to people">
          ‹
        </button>
        <h2>{title}</h2>
      </header>
      <div className="scroller" ref={scrollRef} onScroll={onScroll}>
        {canLoadOlder && (
          <button type="button" className="link older" onClick={onLoadOlder}>
            Load older messages
          </button>
        )}
        {loaded && !messages?.hasMore && items.length > 0 && <p className="muted history-start">Start of your conversation</p>}
        {!loaded && <p className="muted history-start">Loading messages…</p>}
        {loaded && items.length === 0 && <p className="muted history-start">No messages yet. Say hello!</p>}
        <ol className="messages" role="log" aria-label={`Messages with ${title}`} aria-live="polite">
          {rows.map((row) =>
            row.kind === 'day' ? (
              <li key={row.key} className="day" role="separator" aria-label={row.label}>
                <span>{row.label}</span>
              </li>
            ) : (
              <MessageItem
                key={row.key}
                item={row.item}
                own={row.item.senderId === me}
                author={row.item.senderId === me ? 'You' : peer.name}
                actions={itemActions}
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
      <Composer key={peer.id} onSend={onSend} draft={draft} onDraftChange={onDraftChange} inputRef={composerRef} />
    </section>
  )
}
