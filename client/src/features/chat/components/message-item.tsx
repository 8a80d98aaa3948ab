import { useEffect, useRef, useState, type KeyboardEvent } from 'react'

import { MessageAttachments } from '../../../attachments'
import { Avatar } from '../../../avatars'
import { errorMessage } from '../../../lib/api-client'
import type { Mentions } from '../api/chat-api'
import type { ReportOutcome } from '../api/moderation-api'
import { useMentionPicker } from '../hooks/use-mention-picker'
import { mentionsAfterEdit, type MentionCandidate } from '../model/mentions'
import { formatTime } from '../model/timeline'
import { MAX_CONTENT_LENGTH, type ChatItem } from '../model/types'
import { LengthCounter, showsCounter } from './length-counter'
import { MentionPicker } from './mention-picker'
import type { QuoteView } from '../model/replies'
import { useLongPress } from '../hooks/use-long-press'
import { shownReactions } from '../model/reactions'
import { MessageTools, type ToolsOpen } from './message-tools'
import { ReactionBar } from './reaction-bar'
import { ReplyQuote } from './reply-quote'
import { ReportDialog, type ReportDialogProps } from './report-dialog'

export interface MessageActions {
  onRetry: (tempId: string) => void
  onDiscard: (tempId: string) => void
  // In a room, with what the edited text mentions.
  onEdit: (id: number, content: string, mentions?: Mentions) => Promise<void>
  // Deletes, after a few seconds in which it can be undone (the conversation offers Undo).
  onDelete: (id: number) => void
  // Reporting someone else's message to the moderators (absent: no Report button).
  onReport?: (id: number, report: Parameters<ReportDialogProps['onSubmit']>[0]) => Promise<ReportOutcome>
  // Shows a message of this conversation (a reply's original), loading history if it must.
  onJump?: (id: number) => void
  onReply?: (item: ChatItem) => void // starts a reply to it in the composer
  onReact?: (id: number, emoji: string) => void // toggles your reaction
}

const REPORT_OUTCOMES: Record<ReportOutcome, string> = {
  reported: 'Reported. Moderators will review it.',
  'already-reported': 'You already reported this message.',
}

interface EditorProps {
  item: ChatItem
  onEdit: MessageActions['onEdit']
  onDone: () => void
  mentionables?: MentionCandidate[] // a room's: `@` opens the same picker as in the composer
}

function Editor({ item, onEdit, onDone, mentionables }: EditorProps) {
  const [text, setText] = useState(item.content)
  const boxRef = useRef<HTMLTextAreaElement>(null)
  const picker = useMentionPicker({ id: `mention-picker-${item.key}`, text, setText, boxRef, mentionables })
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const trimmed = text.trim()
  const valid = trimmed.length > 0 && trimmed.length <= MAX_CONTENT_LENGTH

  const save = async () => {
    if (!valid || item.id === null) return
    if (trimmed === item.content) return onDone()
    setBusy(true)
    try {
      // A room message mentions what the edited text still names, and what was picked here.
      if (mentionables) await onEdit(item.id, trimmed, mentionsAfterEdit(trimmed, item, mentionables, picker.chosen()))
      else await onEdit(item.id, trimmed)
      onDone()
    } catch (err) {
      setError(errorMessage(err))
      setBusy(false)
    }
  }
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (picker.onKeyDown(event)) return
    if (event.key === 'Escape') onDone()
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault()
      void save()
    }
  }

  return (
    <div className="editor">
      {picker.picker && <MentionPicker {...picker.picker} />}
      <label className="visually-hidden" htmlFor={`edit-${item.key}`}>
        Edit message
      </label>
      <textarea
        id={`edit-${item.key}`}
        ref={boxRef}
        value={text}
        onChange={(e) => {
          setText(e.target.value)
          picker.onChange(e)
        }}
        onSelect={picker.onSelect}
        onKeyDown={onKeyDown}
        {...picker.boxProps}
        aria-describedby={showsCounter(trimmed.length) ? `edit-counter-${item.key}` : undefined}
        aria-invalid={trimmed.length > MAX_CONTENT_LENGTH || undefined}
        autoFocus
      />
      <LengthCounter id={`edit-counter-${item.key}`} length={trimmed.length} className="edit-counter" />
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="button" className="primary" onClick={() => void save()} disabled={!valid || busy}>
          Save
        </button>
      </div>
    </div>
  )
}

export interface MessageItemProps {
  item: ChatItem
  own: boolean
  // Read out before the message ("You", or the sender's name): the sides of a conversation are
  // otherwise only visual. In a room (`showAuthor`) it is shown above each message of others.
  author: string
  showAuthor?: boolean
  // The message mentions you (by name or @room): highlighted, and said.
  mentioned?: boolean
  // A DM: the other person has read up to here ("Seen" under it).
  seen?: boolean
  actions: MessageActions
  mentionables?: MentionCandidate[] // a room's: who an edit may mention
  me?: number // the reader: "You" in quotes, yours among the reactions
  quote?: QuoteView | null // a reply: the message it answers
  highlighted?: boolean // just jumped to
}

export function MessageItem(props: MessageItemProps) {
  const { item, own, author, showAuthor = false, mentioned = false, seen = false, actions, mentionables, me = -1, quote, highlighted = false } = props
  const contentId = `content-${item.key}`
  const [editing, setEditing] = useState(false)
  const [reporting, setReporting] = useState(false)
  const [reported, setReported] = useState<ReportOutcome | null>(null)
  const [tools, setTools] = useState<ToolsOpen>(null)
  const longPress = useLongPress(() => setTools('menu'))
  // After Save or Cancel the keyboard user is back on the message's "More actions", not on the page.
  const moreRef = useRef<HTMLButtonElement>(null)
  const wasEditing = useRef(false)
  useEffect(() => {
    if (wasEditing.current && !editing) moreRef.current?.focus()
    wasEditing.current = editing
  }, [editing])

  // Focusable by script only: a jump to this message puts the keyboard here.
  const rowProps = { 'data-message-id': item.id ?? undefined, tabIndex: -1 }
  const highlight = highlighted ? ' highlighted' : ''
  if (item.status === 'removed') {
    return (
      <li className={`message removed ${own ? 'own' : 'theirs'}${highlight}`} {...rowProps}>
        <p className="bubble">{item.removedBy === 'moderator' ? 'Removed by a moderator' : 'This message was removed'}</p>
      </li>
    )
  }

  const { id } = item
  const confirmed = item.status === 'confirmed' && id !== null
  const { onReport, onReply, onReact } = actions
  const report: ReportDialogProps['onSubmit'] = async (fields) => {
    if (id === null || !onReport) return
    setReported(await onReport(id, fields))
    setReporting(false)
  }
  const reactions = shownReactions(item.reactions ?? [], item.myReactions ?? [])
  const react = onReact && confirmed ? (emoji: string) => onReact(id, emoji) : undefined

  return (
    <li className={`message ${own ? 'own' : 'theirs'} ${item.status}${mentioned ? ' mentioned' : ''}${highlight}`} {...rowProps}>
      {/* In a room, who wrote it: people with the same name are told apart by their picture. */}
      {showAuthor && !own && <Avatar user={{ id: item.senderId, name: item.senderName }} className="small message-avatar" />}
      <div className="stack">
        {editing ? (
          <Editor item={item} onEdit={actions.onEdit} onDone={() => setEditing(false)} mentionables={mentionables} />
        ) : (
          <div className="bubble" {...(confirmed ? longPress : {})}>
            {showAuthor && !own ? <p className="author">{author}</p> : <span className="visually-hidden">{author}: </span>}
            {mentioned && <span className="visually-hidden">(mentions you) </span>}
            {quote && <ReplyQuote quote={quote} me={me} onJump={actions.onJump} />}
            {/* A message of files only has no text: its files describe it. */}
            {item.content ? (
              <p className="content" id={contentId}>
                {item.content}
              </p>
            ) : (
              <span className="visually-hidden" id={contentId}>
                {item.attachments.map((file) => file.filename).join(', ')}
              </span>
            )}
            <MessageAttachments attachments={item.attachments} />
            <p className="meta">
              <time dateTime={item.timestamp}>{formatTime(item.timestamp)}</time>
              {item.editedAt && <span className="edited"> · {item.editedByModerator ? 'edited by a moderator' : 'edited'}</span>}
              {item.status === 'pending' && <span> · Sending…</span>}
              {item.status === 'failed' && <span className="failed-text"> · Not sent{item.error ? `: ${item.error}` : ''}</span>}
            </p>
          </div>
        )}
        {react && <ReactionBar reactions={reactions} me={me} onToggle={react} describedBy={contentId} />}
        {/* A deletion the server refused: the message is back, with why. */}
        {item.status === 'confirmed' && item.error && (
          <p className="form-error" role="alert">
            {item.error}
          </p>
        )}
        {seen && <p className="seen">Seen</p>}
        {/* Present from the dialog's opening, so the outcome is announced when it arrives. */}
        {(reporting || reported) && (
          <p className="report-outcome" role="status">
            {reported && REPORT_OUTCOMES[reported]}
          </p>
        )}
      </div>
      {confirmed && !editing && (
        <MessageTools
          open={tools}
          onOpenChange={setTools}
          triggerRef={moreRef}
          describedBy={contentId}
          me={me}
          reactions={reactions}
          onReply={onReply && (() => onReply(item))}
          onReact={react}
          onEdit={own ? () => setEditing(true) : undefined}
          onDelete={own ? () => actions.onDelete(id) : undefined}
          onReport={!own && onReport ? () => setReporting(true) : undefined}
        />
      )}
      {reporting && <ReportDialog excerpt={`${author}: ${item.content}`} onSubmit={report} onCancel={() => setReporting(false)} />}
      {item.status === 'failed' && item.tempId && (
        <div className="message-actions">
          <button type="button" className="link" aria-describedby={contentId} onClick={() => actions.onRetry(item.tempId!)}>
            Retry
          </button>
          <button type="button" className="link danger" aria-describedby={contentId} onClick={() => actions.onDiscard(item.tempId!)}>
            Discard
          </button>
        </div>
      )}
    </li>
  )
}
