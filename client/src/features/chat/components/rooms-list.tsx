import { unreadOf } from '../model/read-state'
import { mentionsOf, type RoomEntry } from '../model/rooms-reducer'
import { formatWhen } from '../model/timeline'
import { sentAt } from '../model/types'

export interface RoomsListProps {
  rooms: RoomEntry[]
  me: number
  openRoom: number | null
  filtered: boolean
  onOpen: (room: number) => void
}

function preview(entry: RoomEntry, me: number): string {
  if (entry.lastRemoved) return 'Message removed'
  if (!entry.lastMessage) return entry.topic ?? 'No messages yet'
  const sender = entry.lastMessage.sender
  return `${sender.id === me ? 'You' : sender.name}: ${entry.lastMessage.content}`
}

// What a screen reader says of a room: its name, then what waits in it.
export function roomLabel(entry: RoomEntry): string {
  const unread = unreadOf(entry)
  const mentions = mentionsOf(entry)
  const parts = [`#${entry.name}`]
  if (unread > 0) parts.push(`${unread} unread`)
  if (mentions > 0) parts.push(mentions === 1 ? '1 mention' : `${mentions} mentions`)
  return parts.join(', ')
}

// The sidebar's "Rooms": the rooms you are in, latest activity first, with unread counts and a
// mention badge.
export function RoomsList({ rooms, me, openRoom, filtered, onOpen }: RoomsListProps) {
  return (
    <ul aria-label="Rooms">
      {rooms.map((entry) => {
        const unread = unreadOf(entry)
        const mentions = mentionsOf(entry)
        return (
          <li key={entry.id}>
            <button
              type="button"
              className="person room"
              aria-current={openRoom === entry.id ? 'true' : undefined}
              aria-label={roomLabel(entry)}
              aria-describedby={`room-preview-${entry.id}`}
              onClick={() => onOpen(entry.id)}
            >
              <span className="avatar" aria-hidden="true">
                #
              </span>
              <span className="person-main">
                <span className="person-top">
                  <span className="person-name">
                    #{entry.name}
                    {entry.visibility === 'private' && <span className="muted"> · private</span>}
                  </span>
                  {entry.lastMessage && <time dateTime={sentAt(entry.lastMessage)}>{formatWhen(sentAt(entry.lastMessage))}</time>}
                </span>
                <span className="person-bottom">
                  <span id={`room-preview-${entry.id}`} className={`preview${entry.lastRemoved ? ' removed' : ''}`}>
                    {preview(entry, me)}
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
      })}
      {rooms.length === 0 && <li className="muted empty">{filtered ? 'No room matches.' : 'No rooms yet.'}</li>}
    </ul>
  )
}
