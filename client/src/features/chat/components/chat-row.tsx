import type { ReactNode } from 'react'

import { AvatarImage } from '../../../avatars'
import { formatWhen } from '../model/timeline'
import { sentAt, type Message } from '../model/types'

export interface ChatRowProps {
  kind: 'person' | 'room'
  current: boolean // the open conversation
  label: string // what a screen reader says of the row: its name, then what waits in it
  previewId: string // unique on the page: the preview describes the button
  avatar: string
  avatarUser?: number // a person's row: their picture over the initial
  // Drawn on the avatar (a person's presence dot); `statusId` is its id, which describes the row too.
  avatarStatus?: ReactNode
  statusId?: string
  name: ReactNode
  lastMessage: Message | null
  preview: string
  removed: boolean // the last message was deleted: the preview says so, styled apart
  unread: number
  mentions?: number // a room's messages that mention you: the `@n` badge
  onOpen: () => void
}

// One row of the sidebar's lists (a room or a person): avatar, name, time of the last message, its
// preview and the badges.
export function ChatRow({ kind, current, label, previewId, avatar, avatarUser, avatarStatus, statusId, name, lastMessage, preview, removed, unread, mentions = 0, onOpen }: ChatRowProps) {
  return (
    <li>
      <button
        type="button"
        className={kind === 'room' ? 'person room' : 'person'}
        aria-current={current ? 'true' : undefined}
        aria-label={label}
        aria-describedby={statusId ? `${statusId} ${previewId}` : previewId}
        onClick={onOpen}
      >
        <span className="avatar" aria-hidden="true">
          {avatar}
          {avatarUser !== undefined && <AvatarImage userId={avatarUser} />}
          {avatarStatus}
        </span>
        <span className="person-main">
          <span className="person-top">
            <span className="person-name">{name}</span>
            {lastMessage && <time dateTime={sentAt(lastMessage)}>{formatWhen(sentAt(lastMessage))}</time>}
          </span>
          <span className="person-bottom">
            <span id={previewId} className={`preview${removed ? ' removed' : ''}`}>
              {preview}
            </span>
            {mentions > 0 && (
              <span className="badge mention" data-testid="mention-badge">
                @{mentions}
              </span>
            )}
            {unread > 0 && <span className="badge">{unread}</span>}
          </span>
        </span>
      </button>
    </li>
  )
}
