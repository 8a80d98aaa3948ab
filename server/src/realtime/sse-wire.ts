// The SSE wire format: pure serialisers and the cursor parser. No I/O here.
import type { ChangeEvent } from '../db/change-feed'
import type { EPHEMERAL_EVENTS, ReadyData, StreamEventData } from '../protocol'
import { parseInteger } from '../text/integer'

export const SSE_HEADERS: Record<string, string> = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  // no-transform stops Next (and proxies) from gzipping the stream, which would hold events back.
  'Cache-Control': 'no-cache, no-transform',
  'X-Accel-Buffering': 'no',
}

export interface Frame {
  event?: string
  id?: number | string
  retry?: number
  data?: string
}

export function encodeFrame({ event, id, retry, data }: Frame): string {
  let frame = ''
  if (retry !== undefined) frame += `retry: ${retry}\n`
  if (event !== undefined) frame += `event: ${event}\n`
  if (id !== undefined) frame += `id: ${id}\n`
  if (data !== undefined) {
    // Each line of the payload becomes its own data: line; the client joins them with \n.
    for (const line of data.split(/\r\n|\r|\n/)) frame += `data: ${line}\n`
  }
  return `${frame}\n`
}

// A comment line: ignored by EventSource, keeps proxies and idle sockets from timing out.
export function encodeComment(text = ''): string {
  return `: ${text.replace(/[\r\n]+/g, ' ')}\n\n`
}

export type CursorParse = { ok: true; cursor: number | null } | { ok: false }

// A cursor is a change id: a non-negative integer. Absent or empty means "start from now".
export function parseCursor(raw: string | null | undefined): CursorParse {
  if (raw === null || raw === undefined || raw.trim() === '') return { ok: true, cursor: null }
  const cursor = parseInteger(raw.trim(), { min: 0 })
  return cursor === null ? { ok: false } : { ok: true, cursor }
}

// The frames of this project's stream, encoded once to bytes. Nothing else writes SSE syntax.
const encoder = new TextEncoder()

export function encodeEvent(event: ChangeEvent): Uint8Array {
  return encoder.encode(encodeFrame({ event: event.type, id: event.id, data: JSON.stringify(event.data) }))
}

export type EphemeralEventName = (typeof EPHEMERAL_EVENTS)[number]

// An ephemeral event (presence, typing): no `id:` line, so it never moves a client's resume
// cursor (EventSource keeps its last id) and is never replayed.
export function encodeEphemeral<T extends EphemeralEventName>(type: T, data: StreamEventData[T]): Uint8Array {
  return encoder.encode(encodeFrame({ event: type, data: JSON.stringify(data) }))
}

// The first frame of a stream: the client's reconnect delay, where it starts (`id`, absent when a
// reset frame follows and carries it), the feed's latest position and the stream's user.
export function encodeReady({ retryMs, id, latest, user }: { retryMs: number; id: number | undefined; latest: number; user: number }): Uint8Array {
  const data: ReadyData = { cursor: String(latest), user }
  return encoder.encode(encodeFrame({ retry: retryMs, event: 'ready', id, data: JSON.stringify(data) }))
}

// The client's history cannot be replayed: it reloads and continues from `latest`.
export function encodeReset({ latest, reason }: { latest: number; reason: string }): Uint8Array {
  return encoder.encode(encodeFrame({ event: 'reset', id: latest, data: JSON.stringify({ cursor: String(latest), reason }) }))
}

// The last frame of a stream the server ends on shutdown: come back after `retryMs`.
export const encodeRetry = (retryMs: number): Uint8Array => encoder.encode(encodeFrame({ retry: retryMs }))

export const encodeHeartbeat = (): Uint8Array => encoder.encode(encodeComment('ping'))
