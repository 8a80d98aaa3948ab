import { unreadOf } from '../model/read-state'
import { mentionsOf, type RoomEntry } from '../model/rooms-reducer'
import { previewText } from '../model/types'
import { ChatRow } from './chat-row'

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
  return `${sender.id === me ? 'You' : sender.name}: ${previewText(entry.lastMessage)}`
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
      {rooms.map((entry) => (
        <ChatRow
          key={entry.id}
          kind="room"
          current={openRoom === entry.id}
          label={roomLabel(entry)}
          previewId={`room-preview-${entry.id}`}
          avatar="#"
          name={
            <>
              #{entry.name}
              {entry.visibility === 'private' && <span className="muted"> · private</span>}
            </>
          }
          lastMessage={entry.lastMessage}
          preview={preview(entry, me)}
          removed={entry.lastRemoved}
          unread={unreadOf(entry)}
          mentions={mentionsOf(entry)}
          onOpen={() => onOpen(entry.id)}
        />
      ))}
      {rooms.length === 0 && <li className="muted empty">{filtered ? 'No room matches.' : 'No rooms yet.'}</li>}
    </ul>
  )
}
