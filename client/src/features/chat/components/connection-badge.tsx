import type { Connection } from '../hooks/use-connection'

const LABELS: Record<Connection, string> = {
  live: 'Live',
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
}

export function ConnectionBadge({ connection, onReconnect }: { connection: Connection; onReconnect: () => void }) {
  return (
    <div className="connection" role="status" aria-live="polite">
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
