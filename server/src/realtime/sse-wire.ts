// The SSE wire format: pure serialisers and the cursor parser. No I/O here.

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
  const text = raw.trim()
  if (!/^\d{1,15}$/.test(text)) return { ok: false }
  return { ok: true, cursor: Number(text) }
}
