import { useActionError } from '../hooks/use-action-error'
import { memberCountLabel, type RoomEntry } from '../model/rooms-reducer'
import { FormError } from './form-error'

export interface BrowseRoomsProps {
  rooms: RoomEntry[] // public rooms you are not in
  onJoin: (room: number) => Promise<void>
}

// The public rooms to join, with their topic and size.
export function BrowseRooms({ rooms, onJoin }: BrowseRoomsProps) {
  const { error, attempt } = useActionError()
  return (
    <>
      <FormError message={error} />
      <ul className="room-directory" aria-label="Public rooms">
        {rooms.map((room) => (
          <li key={room.id}>
            <span className="person-main">
              <span className="person-name">#{room.name}</span>
              <span className="muted">
                {memberCountLabel(room.memberCount)}
                {room.topic ? ` · ${room.topic}` : ''}
              </span>
            </span>
            <button type="button" className="primary" aria-label={`Join #${room.name}`} onClick={() => void attempt(() => onJoin(room.id))}>
              Join
            </button>
          </li>
        ))}
        {rooms.length === 0 && <li className="muted empty">You are in every public room.</li>}
      </ul>
    </>
  )
}
