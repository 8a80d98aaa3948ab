// A raw HTTP SSE client for tests: parses frames as they arrive, no EventSource semantics.
import http from 'node:http'

export interface SseEvent {
  event: string
  id?: string
  data: string
  retry?: number
}

export interface SseConnection {
  status: number
  headers: http.IncomingHttpHeaders
  events: SseEvent[]
  comments: string[]
  body: string
  closed: Promise<void>
  waitFor(predicate: (events: SseEvent[]) => boolean, timeoutMs?: number): Promise<SseEvent[]>
  changes(): SseEvent[]
  // Resolves once the server has said `ready` (the stream is attached).
  ready(): Promise<SseEvent[]>
  // Stop reading from the socket for a while, as a client on a slow link or a busy tab does.
  pauseFor(ms: number): Promise<void>
  // Stop reading until `done()` holds (checked every 20 ms), for at most `maxMs`.
  pauseUntil(done: () => boolean, maxMs: number): Promise<void>
  // Start reading again (a stream opened with `paused: true`).
  resume(): void
  close(): void
}

export function openStream(
  url: string,
  {
    token,
    lastEventId,
    query = '',
    paused = false,
  }: {
    token?: string
    lastEventId?: string
    query?: string
    // Read nothing, not even the first frame, until resume(): a client whose link is stuck.
    paused?: boolean
  } = {},
): Promise<SseConnection> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { accept: 'text/event-stream' }
    if (token) headers.authorization = `JWT ${token}`
    if (lastEventId !== undefined) headers['last-event-id'] = lastEventId
    const req = http.get(`${url}/api/messages/sse${query}`, { headers }, (res) => {
      const events: SseEvent[] = []
      const comments: string[] = []
      const waiters = new Set<() => void>()
      let buffer = ''
      let body = ''
      let closedResolve!: () => void
      const closed = new Promise<void>((r) => (closedResolve = r))
      res.setEncoding('utf8')
      // Paused before a 'data' listener exists, so attaching one does not start the flow.
      if (paused) res.pause()
      res.on('data', (chunk: string) => {
        body += chunk
        buffer += chunk
        let end: number
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const event: SseEvent = { event: 'message', data: '' }
          const data: string[] = []
          let isComment = true
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) {
              comments.push(line.slice(1).trim())
              continue
            }
            isComment = false
            const colon = line.indexOf(':')
            const field = line.slice(0, colon)
            const value = line.slice(colon + 1).replace(/^ /, '')
            if (field === 'event') event.event = value
            else if (field === 'id') event.id = value
            else if (field === 'data') data.push(value)
            else if (field === 'retry') event.retry = Number(value)
          }
          if (isComment) continue
          event.data = data.join('\n')
          events.push(event)
        }
        for (const waiter of waiters) waiter()
      })
      let isClosed = false
      const finish = () => {
        isClosed = true
        closedResolve()
        for (const waiter of waiters) waiter()
      }
      res.on('end', finish)
      res.on('close', finish)
      res.on('error', finish)
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        events,
        comments,
        get body() {
          return body
        },
        closed,
        changes: () => events.filter((e) => e.event.startsWith('message.')),
        ready() {
          return this.waitFor((all) => all.some((e) => e.event === 'ready'))
        },
        waitFor(predicate, timeoutMs = 5000) {
          return new Promise((resolveWait, rejectWait) => {
            const check = () => {
              if (predicate(events)) {
                cleanup()
                resolveWait(events)
              } else if (isClosed) {
                cleanup()
                rejectWait(new Error(`stream closed after ${events.length} events; last: ${JSON.stringify(events.slice(-3))}`))
              }
            }
            const timer = setTimeout(() => {
              cleanup()
              rejectWait(new Error(`timed out after ${timeoutMs} ms; got ${JSON.stringify(events.slice(-5))}`))
            }, timeoutMs)
            const cleanup = () => {
              clearTimeout(timer)
              waiters.delete(check)
            }
            waiters.add(check)
            check()
          })
        },
        async pauseFor(ms) {
          res.pause()
          await new Promise((r) => setTimeout(r, ms))
          res.resume()
        },
        async pauseUntil(done, maxMs) {
          res.pause()
          const until = Date.now() + maxMs
          while (!done() && Date.now() < until) await new Promise((r) => setTimeout(r, 20))
          res.resume()
        },
        resume() {
          res.resume()
        },
        close() {
          req.destroy()
        },
      } as SseConnection)
    })
    req.on('error', reject)
  })
}

export const parseData = <T = any>(event: SseEvent): T => JSON.parse(event.data)

// The change ids of the message events, in the order they arrived.
export const changeIds = (events: SseEvent[]) => events.filter((e) => e.event.startsWith('message.')).map((e) => Number(e.id))

// The feed's events a stream received (messages, memberships, room updates), without its own
// control frames (ready, reset).
export const feedEvents = (events: SseEvent[]) => events.filter((e) => e.event !== 'ready' && e.event !== 'reset' && e.id !== undefined)

// One line per feed event, for comparing what a stream saw with what it should have: the event and
// the message's content, the member's name or the room's name.
export const describeEvents = (events: SseEvent[]) =>
  feedEvents(events).map((e) => {
    const data = parseData(e)
    return `${e.event} ${data.content ?? data.user?.name ?? data.name ?? data.id}`
  })
