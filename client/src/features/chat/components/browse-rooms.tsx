import { useState } from 'react'

import { errorMessage } from '../../../lib/api-client'
import type { RoomEntry } from '../model/rooms-reducer'

export interface BrowseRoomsProps {
  rooms: RoomEntry[] // public rooms you are not in
  onJoin: (room: number) => Promise<void>
}

// The public rooms to join, with their topic and size.
export function BrowseRooms({ rooms, onJoin }: BrowseRoomsProps) {
  const [error, setError] = useState<string | null>(null)
  const join = async (room: number) => {
    setError(null)
    try {
      await onJoin(room)
    } catch (err) {
      setError(errorMessage(err))
    }
  }
  return (
    <>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <ul className="room-directory" aria-label="Public rooms">
        {rooms.map((room) => (
          <li key={room.id}>
            <span className="person-main">
              <span className="person-name">#{room.name}</span>
              <span className="muted">
                {room.memberCount === 1 ? '1 member' : `${room.memberCount} members`}
                {room.topic ? ` · ${room.topic}` : ''}
              </span>
            </span>
            <button type="button" className="primary" aria-label={`Join #${room.name}`} onClick={() => void join(room.id)}>
              Join
            </button>
          </li>
        ))}
        {rooms.length === 0 && <li className="muted empty">You are in every public room.</li>}
      </ul>
    </>
  )
}
