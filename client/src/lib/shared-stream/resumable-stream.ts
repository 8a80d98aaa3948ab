// One EventSource that resumes: the browser reconnects on its own (it resends Last-Event-ID), and
// when it gives up (a non-stream answer such as 401, or a 502 while the server restarts) `onClosed`
// decides whether to open a fresh stream, resuming with ?lastEventId=<resumeFrom()>, after a
// growing delay. Going back online reconnects at once. Plain code, no React: the shared stream's
// leader runs it, and so does a tab that has nobody to share with. Its status starts as
// 'connecting' and stays 'reconnecting' from a drop until a stream opens again.
export type StreamStatus = 'connecting' | 'open' | 'reconnecting' | 'closed'

// One event off the wire: its name, its data, and its SSE id ('' for an event without one).
export interface StreamEvent {
  name: string
  data: string
  id: string
}

export interface StreamConnection {
  reconnect: () => void // a fresh stream now, resuming
  close: () => void
}

export interface ResumableStreamOptions {
  url: string
  names: string[] // the event names to listen to (EventSource delivers named events only to listeners)
  // Events sent without an `id:` line. The browser hands them the stream's last id all the same,
  // which would make them look like a change already applied: they get '' instead.
  ephemeral?: readonly string[]
  resumeFrom: () => string | null // the position to resume from when a fresh stream is opened
  onEvent: (event: StreamEvent) => void
  onStatus: (status: StreamStatus) => void
  onClosed?: () => Promise<boolean> | boolean // resolve false to stay closed (e.g. logged out)
}

const MAX_DELAY_MS = 15_000

export function withLastEventId(url: string, lastEventId: string | null): string {
  if (!lastEventId) return url
  return `${url}${url.includes('?') ? '&' : '?'}lastEventId=${encodeURIComponent(lastEventId)}`
}

export function openResumableStream(options: ResumableStreamOptions): StreamConnection {
  const { url, names, ephemeral = [], resumeFrom, onEvent, onStatus, onClosed } = options
  let source: EventSource | null = null
  let timer: ReturnType<typeof setTimeout> | null = null
  let attempt = 0
  let closed = false

  const teardown = () => {
    if (timer) clearTimeout(timer)
    timer = null
    source?.close()
    source = null
  }

  const connect = () => {
    teardown()
    if (closed) return
    const current = new EventSource(withLastEventId(url, resumeFrom()))
    source = current
    current.onopen = () => {
      attempt = 0
      onStatus('open')
    }
    for (const name of names) {
      current.addEventListener(name, (event) => {
        const message = event as MessageEvent<string>
        const id = ephemeral.includes(name) ? '' : (message.lastEventId ?? '')
        if (source === current) onEvent({ name, data: message.data, id })
      })
    }
    current.onerror = () => {
      if (source !== current) return
      onStatus('reconnecting')
      if (current.readyState !== EventSource.CLOSED) return // the browser retries by itself
      current.close()
      void Promise.resolve(onClosed ? onClosed() : true)
        .catch(() => true)
        .then((retry) => {
          if (closed || source !== current) return
          if (!retry) {
            onStatus('closed')
            return
          }
          const delay = Math.min(MAX_DELAY_MS, 1000 * 2 ** attempt++)
          timer = setTimeout(connect, delay)
        })
    }
  }

  const online = () => {
    if (source?.readyState !== EventSource.OPEN) {
      attempt = 0
      connect()
    }
  }
  window.addEventListener('online', online)
  connect()

  return {
    reconnect: () => {
      attempt = 0
      connect()
    },
    close: () => {
      closed = true
      window.removeEventListener('online', online)
      teardown()
    },
  }
}
