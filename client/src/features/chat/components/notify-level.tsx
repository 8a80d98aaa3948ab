import { DEFAULT_NOTIFY_LEVEL, type NotifyLevel } from '@payload-chat/server/protocol'
import { useState } from 'react'

import { errorMessage } from '../../../lib/api-client'

const LABELS: Record<NotifyLevel, string> = { all: 'All messages', mentions: 'Mentions only', none: 'Nothing' }

// A room's notification level, in its menu: which of its messages show a desktop notification.
export function NotifyLevelSelect({ value, onChange }: { value: NotifyLevel | null; onChange: (level: NotifyLevel) => Promise<void> }) {
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const change = async (level: NotifyLevel) => {
    setError(null)
    setBusy(true)
    try {
      await onChange(level)
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }
  return (
    <label className="notify-level">
      Notify
      <select value={value ?? DEFAULT_NOTIFY_LEVEL} disabled={busy} onChange={(e) => void change(e.target.value as NotifyLevel)}>
        {(Object.keys(LABELS) as NotifyLevel[]).map((level) => (
          <option key={level} value={level}>
            {LABELS[level]}
          </option>
        ))}
      </select>
      {error && (
        <span className="form-error" role="alert">
          {error}
        </span>
      )}
    </label>
  )
}
