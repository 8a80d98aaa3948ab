// Users and rooms as messages and events name them (messages.ts and rich.ts both use them).
// Another user as a member may see them: id and name only (REST at depth 1 may add the fields
// the reader may read, e.g. their own email; the stream sends exactly these two).
export interface UserRef {
  id: number
  name: string
}

// A room as a message or an event names it (rooms.ts has the rest of rooms). REST at depth 1 may
// add the fields the reader may read; the stream sends exactly these two.
export interface RoomRef {
  id: number
  name: string
}
