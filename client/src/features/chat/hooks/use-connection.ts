// What the header says about the connection: the browser's online state and the stream's.
import { useEffect } from 'react'

import type { StreamStatus } from '../../../hooks/use-event-source'
import { useOnline } from '../../../hooks/use-online'

export type Connection = 'live' | 'connecting' | 'reconnecting' | 'offline'

export function connectionOf(online: boolean, stream: StreamStatus): Connection {
  if (!online) return 'offline'
  if (stream === 'open') return 'live'
  return stream === 'connecting' ? 'connecting' : 'reconnecting'
}

// `onLive` runs whenever the connection becomes live (the server is reachable again).
export function useConnection(stream: StreamStatus, onLive: () => void): Connection {
  const connection = connectionOf(useOnline(), stream)
  useEffect(() => {
    if (connection === 'live') onLive()
  }, [connection, onLive])
  return connection
}
