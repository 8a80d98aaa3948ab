// When to load everything from REST: on the first `ready` (the stream is attached first, so
// nothing committed after the snapshot can be missed) and on every `reset`. A later `ready` is a
// reconnect that resumed where it left off: only the sends that failed for want of the server go
// out again.
import { useRef } from 'react'

export function useResync(reload: () => void, resendUnreached: () => void) {
  const syncedRef = useRef(false)
  const resync = () => {
    syncedRef.current = true
    reload()
  }
  return {
    ready: () => (syncedRef.current ? resendUnreached() : resync()),
    reset: resync,
  }
}
