// Presence, typing and "Seen": who is there, who is writing, how far a DM was read.
//
// `presence` and `typing` are ephemeral stream events: sent without an `id:` line, so they never
// move the resume cursor, are never replayed, and a client that reconnects asks the snapshot
// endpoint instead. `read` is a change row like a message (it has an `id:` and is replayed).

// online: at least one stream of the user is open and at least one of their browsers is visible;
// away: streams open, every browser hidden (the client says so); offline: no stream open for the
// grace period (PRESENCE_GRACE_MS, default 30 s) — a reload or a blip does not flicker.
export type PresenceStatus = 'online' | 'away' | 'offline'

// The `presence` event's data, and one entry of the snapshot.
export interface PresenceData {
  user: number
  status: PresenceStatus
  // When the user was last online or away (ISO 8601); null if never seen since the server started.
  lastSeen: string | null
}

// `GET /api/presence?users=1,2,3` (at most PRESENCE_SNAPSHOT_MAX ids): the current presence of
// the listed users who share a DM or a room with the caller; the others are left out, not refused.
export const PRESENCE_PATH = '/api/presence'
export const PRESENCE_SNAPSHOT_MAX = 200

export interface PresenceResponse {
  presence: PresenceData[]
}

// `POST /api/presence` `{status}` → 204: this browser (login session) is visible (`online`) or
// every tab of it is hidden (`away`). A user is away when every session with an open stream is.
export interface PresenceUpdateRequest {
  status: Exclude<PresenceStatus, 'offline'>
}

// `POST /api/typing` with a DM's `{receiver}` or a room's `{room}` → 204 for a participant, 403
// otherwise. The others in the conversation get a `typing` event, at most one per user and
// conversation every TYPING_THROTTLE_MS however often the client calls.
export const TYPING_PATH = '/api/typing'
export const TYPING_THROTTLE_MS = 3_000
// A client hides "X is typing…" this long after the last `typing` event from X (or at once when a
// message from X arrives in that conversation).
export const TYPING_EXPIRY_MS = 6_000

export type TypingRequest = { receiver: number } | { room: number }

// The `typing` event's data: `user` is typing to `receiver` (in a DM, that is you) or in `room`;
// the other is null.
export interface TypingData {
  user: number
  receiver: number | null
  room: number | null
}

// The `read` event's data, sent to the other participant of a DM when `peer` (the reader) moves
// their read position: they have read your messages up to `lastReadId`. Rooms send none (see README).
export interface ReadData {
  peer: number
  lastReadId: number
}

// `GET /api/realtime/stats` (admins only; add `?user=ID` for one user's count): how many streams
// this process holds open. For operators, and for the test that proves one stream per browser.
export const STREAM_STATS_PATH = '/api/realtime/stats'

export interface StreamStatsResponse {
  streams: number
  // With `?user=ID`: that user's open streams on this process; otherwise null.
  userStreams: number | null
}
