// The one HTTP transport: same-origin fetch with the session cookie, JSON in and out, and
// Payload's `{errors:[{message}]}` turned into an ApiError. It knows nothing about the UI.

// What to tell a person about a failure: the server's message when there is one.
export const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : 'Something went wrong')

// What Payload answers in place of an error message it keeps private (a production build hides the
// message of any error not marked public): no use to a person, so callers say what the status means.
export const HIDDEN_ERROR_MESSAGE = 'An unknown error occurred.'

export class ApiError extends Error {
  readonly status: number
  readonly messages: string[]
  // From a 429's or 503's Retry-After header, when it has one.
  readonly retryAfterSeconds: number | null
  // The first error's `data`, when the server gave one (e.g. a suspension's end date).
  readonly data: unknown

  constructor(status: number, messages: string[], retryAfterSeconds: number | null = null, data: unknown = undefined) {
    super(messages[0] ?? `Request failed (${status})`)
    this.name = 'ApiError'
    this.status = status
    this.messages = messages
    this.retryAfterSeconds = retryAfterSeconds
    this.data = data
  }
}

type Query = Record<string, string | number | undefined>

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE'
  body?: unknown
  query?: Query
  signal?: AbortSignal
  keepalive?: boolean // the request outlives the page (sent while it closes)
}

export function buildUrl(path: string, query?: Query): string {
  if (!query) return path
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.append(key, String(value))
  const text = params.toString()
  return text ? `${path}?${text}` : path
}

// Payload puts field errors under errors[0].data.errors[].message and the summary under
// errors[0].message; the field messages are the ones a person can act on.
export function errorMessages(body: unknown): string[] {
  const errors = (body as { errors?: unknown } | null)?.errors
  if (!Array.isArray(errors)) return []
  const out: string[] = []
  for (const error of errors) {
    const fields = (error as { data?: { errors?: unknown } })?.data?.errors
    if (Array.isArray(fields)) {
      for (const field of fields) {
        const message = (field as { message?: unknown })?.message
        if (typeof message === 'string') out.push(message)
      }
    }
    const message = (error as { message?: unknown })?.message
    if (typeof message === 'string' && !out.includes(message)) out.push(message)
  }
  return out
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', body, query, signal, keepalive } = options
  const headers: Record<string, string> = { Accept: 'application/json' }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  let response: Response
  try {
    response = await fetch(buildUrl(path, query), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
      keepalive,
    })
  } catch (error) {
    if ((error as Error)?.name === 'AbortError') throw error
    throw new ApiError(0, ['Cannot reach the server. Check your connection.'])
  }
  const text = await response.text()
  let parsed: unknown = null
  if (text) {
    try {
      parsed = JSON.parse(text)
    } catch {
      parsed = null
    }
  }
  if (!response.ok) {
    const messages = errorMessages(parsed)
    const retryAfter = Number(response.headers.get('Retry-After'))
    throw new ApiError(
      response.status,
      messages.length ? messages : [`Request failed (${response.status})`],
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
      (parsed as { errors?: { data?: unknown }[] } | null)?.errors?.[0]?.data,
    )
  }
  return parsed as T
}
