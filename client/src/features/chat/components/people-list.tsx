import { unreadOf, type PersonEntry } from '../model/people-reducer'
import type { PresenceEntry } from '../model/presence-reducer'
import { previewText } from '../model/types'
import { ChatRow } from './chat-row'
import { PresenceDot } from './presence-dot'

export interface PeopleListProps {
  people: PersonEntry[]
  me: number
  openPeer: number | null
  filtered: boolean // a filter is on: an empty list means nobody matches
  onOpen: (peer: number) => void
  presenceOf?: (user: number) => PresenceEntry | undefined
}

function preview(entry: PersonEntry, me: number): string {
  if (entry.lastRemoved) return 'Message removed'
  if (!entry.lastMessage) return 'Start a conversation'
  const prefix = entry.lastMessage.sender.id === me && entry.user.id !== me ? 'You: ' : ''
  return prefix + previewText(entry.lastMessage)
}

// The sidebar's "Direct messages": everyone, with the last message and unread count.
export function PeopleList({ people, me, openPeer, filtered, onOpen, presenceOf }: PeopleListProps) {
  return (
    <ul aria-label="Direct messages">
      {people.map((entry) => {
        const unread = unreadOf(entry)
        const name = entry.user.id === me ? `${entry.user.name} (you)` : entry.user.name
        const presence = entry.user.id === me ? undefined : presenceOf?.(entry.user.id)
        return (
          <ChatRow
            key={entry.user.id}
            kind="person"
            current={openPeer === entry.user.id}
            label={unread > 0 ? `${name}, ${unread} unread` : name}
            previewId={`preview-${entry.user.id}`}
            avatar={entry.user.name.slice(0, 1).toUpperCase()}
            avatarUser={entry.user.id}
            avatarStatus={<PresenceDot id={`presence-${entry.user.id}`} entry={presence} />}
            statusId={presence ? `presence-${entry.user.id}` : undefined}
            name={name}
            lastMessage={entry.lastMessage}
            preview={preview(entry, me)}
            removed={entry.lastRemoved}
            unread={unread}
            onOpen={() => onOpen(entry.user.id)}
          />
        )
      })}
      {people.length === 0 && <li className="muted empty">{filtered ? 'Nobody matches.' : 'Loading people…'}</li>}
    </ul>
  )
}
