// The browser's side of the shared stream: Web Locks for the election, BroadcastChannel for the
// relay. Either missing (an old browser, some embedded views) means no sharing: each tab its own
// stream.
import type { Channel, Election, Wire } from './coordinator'

export function browserElection(name: string): Election | null {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks
  if (typeof locks?.request !== 'function') return null
  return (onLead) => {
    const waiting = new AbortController()
    let release: (() => void) | null = null
    // Given up after the lock was granted but before its callback ran (abort is too late then):
    // the callback must free the lock at once, or the tab holds it for its life, leading nothing.
    let resigned = false
    // Held until released: the browser frees it when the tab closes or crashes, and grants it to
    // the next tab waiting. Chrome does not freeze a background tab that holds a lock.
    locks
      .request(name, { signal: waiting.signal }, () => {
        if (resigned) return undefined
        onLead()
        return new Promise<void>((resolve) => {
          release = resolve
        })
      })
      .catch(() => {}) // aborted: the tab left before its turn
    return () => {
      resigned = true
      waiting.abort()
      release?.()
    }
  }
}

export function browserChannel(name: string): Channel | null {
  if (typeof BroadcastChannel !== 'function') return null
  const channel = new BroadcastChannel(name)
  return {
    post: (message: Wire) => channel.postMessage(message),
    listen: (receive) => {
      channel.onmessage = (event: MessageEvent<Wire>) => receive(event.data)
    },
    close: () => channel.close(),
  }
}

// A tab's id: unique among the tabs of this browser.
export const newTabId = (): string => globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`
