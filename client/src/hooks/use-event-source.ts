// The one hook over EventSource. It keeps the last event id, lets the browser reconnect on its
// own (it resends Last-Event-ID), and when the browser gives up (a non-stream answer such as 401
// or a 502 while the server restarts) asks `onClosed` whether to open a fresh stream, resuming
// with ?lastEventId=<last id seen>, after a growing delay. Going back online reconnects at once.
import { useCallback, useEffect, useRef, useState } from 'react'

import { useLatest } from './use-latest'

export type StreamStatus = 'connecting' | 'open' | 'reconnecting' | 'closed'

export type StreamHandlers = Record<string, (data: string, eventId: string) => void>

export interface EventSourceOptions {
  url: string | null // null: no stream
  handlers: StreamHandlers
  onClosed?: () => Promise<boolean> | boolean // resolve false to stay closed (e.g. logged out)
}

const MAX_DELAY_MS = 15_000

export function withLastEventId(url: string, lastEventId: string | null): string {
  if (!lastEventId) return url
  return `${url}${url.includes('?') ? '&' : '?'}lastEventId=${encodeURIComponent(lastEventId)}`
}

export function useEventSource({ url, handlers, onClosed }: EventSourceOptions) {
  // The status of the stream to `url`: a new url starts over at 'connecting', no url is 'closed'.
  const [state, setState] = useState<{ url: string | null; status: StreamStatus }>({ url, status: 'connecting' })
  const status: StreamStatus = !url ? 'closed' : state.url === url ? state.status : 'connecting'
  const handlersRef = useLatest(handlers)
  const onClosedRef = useLatest(onClosed)
  const lastIdRef = useRef<string | null>(null)
  const sourceRef = useRef<EventSource | null>(null)
  const timerRef = useRef<ReturnType<typeof setTimeout> | null>(null)
  const attemptRef = useRef(0)
  const connectRef = useRef<() => void>(() => {})

  const teardown = useCallback(() => {
    if (timerRef.current) clearTimeout(timerRef.current)
    timerRef.current = null
    sourceRef.current?.close()
    sourceRef.current = null
  }, [])

  useEffect(() => {
    if (!url) return
    const setStatus = (status: StreamStatus) => setState({ url, status })
    let disposed = false
    const connect = () => {
      teardown()
      if (disposed) return
      const source = new EventSource(withLastEventId(url, lastIdRef.current))
      sourceRef.current = source
      source.onopen = () => {
        attemptRef.current = 0
        setStatus('open')
      }
      for (const name of Object.keys(handlersRef.current)) {
        source.addEventListener(name, (event) => {
          const message = event as MessageEvent<string>
          if (message.lastEventId) lastIdRef.current = message.lastEventId
          handlersRef.current[name]?.(message.data, message.lastEventId)
        })
      }
      source.onerror = () => {
        if (sourceRef.current !== source) return
        if (source.readyState !== EventSource.CLOSED) {
          setStatus('reconnecting') // the browser retries by itself
          return
        }
        source.close()
        setStatus('reconnecting')
        void Promise.resolve(onClosedRef.current ? onClosedRef.current() : true)
          .catch(() => true)
          .then((retry) => {
            if (disposed || sourceRef.current !== source) return
            if (!retry) {
              setStatus('closed')
              return
            }
            const delay = Math.min(MAX_DELAY_MS, 1000 * 2 ** attemptRef.current++)
            timerRef.current = setTimeout(connect, delay)
          })
      }
    }
    connectRef.current = connect
    connect()
    const online = () => {
      if (sourceRef.current?.readyState !== EventSource.OPEN) {
        attemptRef.current = 0
        connect()
      }
    }
    window.addEventListener('online', online)
    return () => {
      disposed = true
      window.removeEventListener('online', online)
      teardown()
    }
  }, [url, teardown, handlersRef, onClosedRef])

  // Opens a fresh stream now, resuming from the last event seen.
  const reconnect = useCallback(() => {
    attemptRef.current = 0
    connectRef.current()
  }, [])

  return { status, reconnect }
}
