// Moderation (issue #15): suspensions, reports, blocks, the audit trail, and the admin scope of
// the stream. "Moderator" means a user whose role is `admin`: there is no separate role.

// --- Suspensions -------------------------------------------------------------------------------
// Admins set these on `PATCH /api/users/:id` (nobody on themself; never the last admin who is not
// suspended) or in the admin panel. Only admins can read them. A suspension with `suspendedUntil`
// lifts itself at that time; without it, it lasts until an admin lifts it.
export interface SuspensionFields {
  suspended: boolean
  suspendedReason?: string | null
  suspendedUntil?: string | null
}

// A suspended user's login (right password) is refused 403 with an ErrorBody whose message
// starts with this text, followed by " until <ISO date>." or ".", and whose `data` carries the
// date (null: until lifted). Their old tokens, open streams and refresh get 401 like an ended
// session (the sessions are gone): a client learns of the suspension when it logs in again.
export const SUSPENDED_MESSAGE = 'This account is suspended'
export interface SuspendedErrorData {
  suspendedUntil: string | null
}

// --- Reports -----------------------------------------------------------------------------------
export const REPORT_REASONS = ['spam', 'abuse', 'other'] as const
export type ReportReason = (typeof REPORT_REASONS)[number]
export const MAX_REPORT_NOTE_LENGTH = 500

// `POST /api/reports` (201 `{doc}`): a member reports a message they can read (404 otherwise);
// a second open report by the same member on the same message is a 409.
export interface CreateReportRequest {
  message: number
  reason: ReportReason
  note?: string | null
}

export type ReportStatus = 'open' | 'resolved'
// How a report was resolved: the message removed, its author suspended, or dismissed.
export type ReportResolution = 'removed' | 'suspended' | 'dismissed'

// A report as its reporter reads it (`GET /api/reports` lists only your own; admins read all,
// with the snapshot of the message taken when it was reported: `content`, `author`, `room` or
// `receiver`, kept after the message is removed). `resolution` (how it was resolved) is read by
// admins only: a member sees `status` (open or resolved), never `resolution` (absent for them).
export interface Report {
  id: number
  message: number | null
  reason: ReportReason
  note?: string | null
  status: ReportStatus
  resolution?: ReportResolution | null
  resolvedAt?: string | null
  createdAt: string
}

// `POST /api/reports/:id/resolve` (admins): `remove` deletes the message as a moderator and
// resolves every open report of it; `suspend` suspends the message's author (with `reason` and
// optional `until`) and resolves this report; `dismiss` resolves this report only. 200 `{doc}`;
// a report already resolved is a 409.
export type ResolveAction = 'remove' | 'suspend' | 'dismiss'
export interface ResolveReportRequest {
  action: ResolveAction
  reason?: string | null
  until?: string | null
}

// The stream event of a report change (admin scope only): enough for the live view to refresh
// its count and mark the message; the report itself is read over REST.
export interface ReportChange {
  id: number
  message: number | null
  status: ReportStatus
  resolution: ReportResolution | null
}

// --- Who removed or edited a message -------------------------------------------------------------
// `message.deleted` says whether the sender removed their own message or a moderator (an admin
// other than the sender, or a cascade such as deleting the user or the room) did.
export type RemovedBy = 'sender' | 'moderator'

// --- Blocks ------------------------------------------------------------------------------------
// `GET /api/blocks` lists your own blocks (never others'); `POST /api/blocks {blocked}` (201; 409
// if already blocked; 400 for yourself); `DELETE /api/blocks/:id` lifts one. A DM between two
// people where either blocked the other is refused 403 with BLOCKED_MESSAGE (the same text both
// ways: a blocked sender learns no more than that they cannot send to this person).
export interface Block {
  id: number
  blocked: { id: number; name: string } | number
  createdAt: string
}
export interface CreateBlockRequest {
  blocked: number
}
export const BLOCKED_MESSAGE = 'You cannot send messages to this person.'

// --- The admin scope of the stream ---------------------------------------------------------------
// `GET /api/messages/sse?scope=all`: admins only (403 for members): every change on the server
// (messages of every DM and room, memberships, rooms, reports), resumable like a member's stream;
// no presence or typing.
export const ADMIN_SCOPE = 'all'

// --- The audit trail -----------------------------------------------------------------------------
// Collection `moderation-log`: written by the server only; admins read it; nobody edits or deletes
// an entry (405/403 through the API, no such action in the panel).
export const MODERATION_ACTIONS = [
  'message.edited',
  'message.removed',
  'room.deleted',
  'user.deleted',
  'user.suspended',
  'user.unsuspended',
  'user.role-changed',
  'report.resolved',
] as const
export type ModerationAction = (typeof MODERATION_ACTIONS)[number]
