// A client's mistake (a 4xx: not logged in, forbidden, not found, bad input, too large, too many)
// is one line at info level: method, path, status and the reason the answer gives. Server errors
// keep Payload's ERROR entry with its stack trace.
//
// Payload picks the level of its own error log by the error's class name (`loggingLevels`), but
// the production build minifies those names ("o", "S"): every 401 came out as an ERROR with a
// stack. So the decision is made on the status instead, in two places: the pino hook below drops
// Payload's entry for an error that carries a 4xx status, and every /api answer with a 4xx is
// logged by logClientError (src/http/api-entry.ts for REST, src/http/stream-endpoint.ts for the stream).
import type { Payload } from 'payload'

type Logger = Payload['logger']

const isClientStatus = (status: unknown): boolean => typeof status === 'number' && status >= 400 && status < 500

// For pino's `hooks.logMethod`: Payload logs a route's error as `{ err }`.
export function skipClientErrorTraces(this: Logger, args: unknown[], log: (...args: unknown[]) => void): void {
  const first = args[0] as { err?: { status?: unknown } } | null | undefined
  if (first && typeof first === 'object' && isClientStatus(first.err?.status)) return
  log.apply(this, args)
}

// What a person would need to know from an answer `{errors:[{message, data:{errors:[{message}]}}]}`:
// the field's message when there is one (it says what to fix), else the summary.
function reasonOf(body: unknown): string {
  const error = (body as { errors?: Array<{ message?: unknown; data?: { errors?: Array<{ message?: unknown }> } }> })?.errors?.[0]
  const field = error?.data?.errors?.[0]?.message
  const reason = typeof field === 'string' ? field : error?.message
  return typeof reason === 'string' ? reason : ''
}

export function logClientError(logger: Logger, method: string, url: string, status: number, body: unknown): void {
  if (!isClientStatus(status)) return
  // The path only: a query string may carry what the log should not keep.
  const path = new URL(url, 'http://localhost').pathname
  const line = `${method} ${path} ${status}${body === undefined ? '' : ` ${reasonOf(body)}`}`
  // A reason may quote the client's own words (a where key): no control character, so a newline
  // sent by a client cannot forge a line of its own in the log.
  logger.info(line.replace(/\p{Cc}/gu, ' ').trimEnd())
}

// The same for a web Response (read from a copy; the answer itself is left untouched).
export async function logClientResponse(logger: Logger, request: Request, response: Response): Promise<void> {
  if (!isClientStatus(response.status)) return
  let body: unknown
  try {
    body = (response.headers.get('content-type') ?? '').includes('json') ? await response.clone().json() : undefined
  } catch {
    body = undefined
  }
  logClientError(logger, request.method, request.url, response.status, body)
}
