// Ids in a query string, parsed strictly: a 400 that says what was wrong, never a guess.
import { APIError, type PayloadRequest } from 'payload'

import { isId } from '../db/ids'

// A query key other than these is a 400: `?users=1` where `?user=1` was meant must not answer
// as if nothing had been asked.
export function onlyParams(req: PayloadRequest, allowed: readonly string[]): void {
  const unknown = [...new Set(req.searchParams.keys())].filter((key) => !allowed.includes(key))
  if (unknown.length > 0) throw new APIError(`Unknown query parameter "${unknown[0]}": use ${allowed.map((key) => `"${key}"`).join(', ')}.`, 400)
}

// The one value of `name`, or null when absent; repeated is a 400 (which one was meant?).
export function singleParam(req: PayloadRequest, name: string): string | null {
  const values = req.searchParams.getAll(name)
  if (values.length > 1) throw new APIError(`Give "${name}" once.`, 400)
  return values[0] ?? null
}

// `?name=1,2,3`: distinct ids in the order given, between 1 and `max` of them.
export function idListParam(req: PayloadRequest, name: string, max: number): number[] {
  const raw = singleParam(req, name)
  if (raw === null || raw.trim() === '') throw new APIError(`"${name}" must list user ids: ?${name}=1,2,3.`, 400)
  const parts = raw.split(',')
  if (parts.length > max) throw new APIError(`"${name}" lists at most ${max} ids.`, 400)
  const bad = parts.find((part) => !isId(part.trim()))
  if (bad !== undefined) throw new APIError(`"${name}" must list user ids: "${bad}" is not one.`, 400)
  return [...new Set(parts.map((part) => Number(part.trim())))]
}

// `?name=ID`: one id (of a user unless `what` says otherwise), or null when absent.
export function optionalIdParam(req: PayloadRequest, name: string, what = 'user'): number | null {
  const raw = singleParam(req, name)
  if (raw === null) return null
  if (!isId(raw)) throw new APIError(`"${name}" must be a ${what} id, not "${raw}".`, 400)
  return Number(raw)
}
