import type { PersonEntry } from '../model/people-reducer'
import type { PresenceEntry } from '../model/presence-reducer'
import type { RoomEntry } from '../model/rooms-reducer'
import type { Target } from '../model/types'
import { PeopleList } from './people-list'
import { RoomsList } from './rooms-list'

export interface SidebarProps {
  rooms: RoomEntry[]
  people: PersonEntry[]
  me: number
  open: Target | null
  filter: string
  onFilter: (value: string) => void
  onOpen: (target: Target) => void
  onCreateRoom: () => void
  onBrowseRooms: () => void
  presenceOf?: (user: number) => PresenceEntry | undefined
}

// Rooms, then direct messages, under one filter box.
export function Sidebar({ rooms, people, me, open, filter, onFilter, onOpen, onCreateRoom, onBrowseRooms, presenceOf }: SidebarProps) {
  const filtered = filter.trim() !== ''
  return (
    <nav className="people" aria-label="Chats">
      <label className="search">
        <span className="visually-hidden">Filter rooms and people</span>
        <input type="search" placeholder="Filter rooms and people" value={filter} onChange={(e) => onFilter(e.target.value)} />
      </label>
      <div className="lists">
        <div className="list-heading">
          <h2 id="rooms-heading">Rooms</h2>
          <button type="button" className="link" onClick={onBrowseRooms}>
            Browse
          </button>
          <button type="button" className="link" onClick={onCreateRoom} aria-label="Create a room">
            + New
          </button>
        </div>
        <RoomsList
          rooms={rooms}
          me={me}
          openRoom={open?.kind === 'room' ? open.id : null}
          filtered={filtered}
          onOpen={(id) => onOpen({ kind: 'room', id })}
        />
        <div className="list-heading">
          <h2>Direct messages</h2>
        </div>
        <PeopleList
          people={people}
          me={me}
          openPeer={open?.kind === 'dm' ? open.id : null}
          filtered={filtered}
          onOpen={(id) => onOpen({ kind: 'dm', id })}
          presenceOf={presenceOf}
        />
      </div>
    </nav>
  )
}
