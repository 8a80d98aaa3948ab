import { unreadOf, type PersonEntry } from '../model/people-reducer'
import type { PresenceEntry } from '../model/presence-reducer'
import { formatWhen } from '../model/timeline'
import { sentAt } from '../model/types'
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
  return prefix + entry.lastMessage.content
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
          <li key={entry.user.id}>
            <button
              type="button"
              className="person"
              aria-current={openPeer === entry.user.id ? 'true' : undefined}
              aria-label={unread > 0 ? `${name}, ${unread} unread` : name}
              aria-describedby={`${presence ? `presence-${entry.user.id} ` : ''}preview-${entry.user.id}`}
              onClick={() => onOpen(entry.user.id)}
            >
              <span className="avatar" aria-hidden="true">
                {entry.user.name.slice(0, 1).toUpperCase()}
                <PresenceDot id={`presence-${entry.user.id}`} entry={presence} />
              </span>
              <span className="person-main">
                <span className="person-top">
                  <span className="person-name">{name}</span>
                  {entry.lastMessage && <time dateTime={sentAt(entry.lastMessage)}>{formatWhen(sentAt(entry.lastMessage))}</time>}
                </span>
                <span className="person-bottom">
                  <span id={`preview-${entry.user.id}`} className={`preview${entry.lastRemoved ? ' removed' : ''}`}>
                    {preview(entry, me)}
                  </span>
                  {unread > 0 && <span className="badge">{unread}</span>}
                </span>
              </span>
            </button>
          </li>
        )
      })}
      {people.length === 0 && <li className="muted empty">{filtered ? 'Nobody matches.' : 'Loading people…'}</li>}
    </ul>
  )
}
