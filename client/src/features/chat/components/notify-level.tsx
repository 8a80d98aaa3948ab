import { DEFAULT_NOTIFY_LEVEL, type NotifyLevel } from '@payload-chat/server/protocol'
import { useId, useState } from 'react'

import { errorMessage } from '../../../lib/api-client'

const LABELS: Record<NotifyLevel, string> = { all: 'All messages', mentions: 'Mentions only', none: 'Nothing' }

// A room's notification level, in its menu: which of its messages show a desktop notification.
export function NotifyLevelSelect({ value, onChange }: { value: NotifyLevel | null; onChange: (level: NotifyLevel) => Promise<void> }) {
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const id = useId()
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
    // The error stays outside the label: inside, it would become part of the select's name.
    <div className="notify-level">
      <label htmlFor={`${id}-level`}>Notify</label>
      <select
        id={`${id}-level`}
        value={value ?? DEFAULT_NOTIFY_LEVEL}
        disabled={busy}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => void change(e.target.value as NotifyLevel)}
      >
        {(Object.keys(LABELS) as NotifyLevel[]).map((level) => (
          <option key={level} value={level}>
            {LABELS[level]}
          </option>
        ))}
      </select>
      {error && (
        <span id={`${id}-error`} className="form-error" role="alert">
          {error}
        </span>
      )}
    </div>
  )
}
