import type { Connection } from '../hooks/use-connection'

const LABELS: Record<Connection, string> = {
  live: 'Live',
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
}

// `leader`: this tab holds the browser's one stream (see use-event-source.ts); shown to tests only.
export function ConnectionBadge({ connection, leader, onReconnect }: { connection: Connection; leader: boolean; onReconnect: () => void }) {
  return (
    <div className="connection" role="status" aria-live="polite" data-stream-leader={leader}>
      <span className={`dot dot-${connection}`} aria-hidden="true" />
      <span data-testid="connection">{LABELS[connection]}</span>
      {connection === 'reconnecting' && (
        <button type="button" className="link" onClick={onReconnect}>
          Reconnect now
        </button>
      )}
    </div>
  )
}
