// Whether a user is suspended, and the refusal a suspended user gets. A suspension with
// `suspendedUntil` lifts itself at that time: every check compares with the time of the check, so
// no job has to clear the flag (it stays set, for the admin panel's record).
import { APIError } from 'payload'

import { SUSPENDED_MESSAGE, type SuspendedErrorData } from '../protocol'

type MaybeSuspended = { suspended?: boolean | null; suspendedUntil?: string | null } | null | undefined

export function isSuspended(user: MaybeSuspended, now: Date): boolean {
  if (!user?.suspended) return false
  if (!user.suspendedUntil) return true
  const until = new Date(user.suspendedUntil).getTime()
  // An unreadable date cannot lift anything: suspended until an admin lifts it.
  return Number.isNaN(until) || until > now.getTime()
}

// 403 `This account is suspended until <ISO>.` (or `.` without an end), `data: {suspendedUntil}`.
export function suspendedError(user: MaybeSuspended): APIError<SuspendedErrorData> {
  const until = untilOf(user)
  const message = until ? `${SUSPENDED_MESSAGE} until ${until}.` : `${SUSPENDED_MESSAGE}.`
  return new APIError(message, 403, { suspendedUntil: until }, true)
}

// The end as an ISO date, or null: none, or unreadable (only after a raw write; isSuspended then
// counts it as lasting until lifted, and saying so beats a RangeError, a 500).
export function untilOf(user: MaybeSuspended): string | null {
  const until = user?.suspendedUntil ? new Date(user.suspendedUntil) : null
  return until && !Number.isNaN(until.getTime()) ? until.toISOString() : null
}
