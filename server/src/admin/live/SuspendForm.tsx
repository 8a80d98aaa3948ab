'use client'
// Suspends a user (PATCH /api/users/:id, admins only): a reason and an optional end. Shared by the
// live view and the report queue's actions, which send it their own way (`onSubmit`).
import { Button } from '@payloadcms/ui'
import React, { useId, useState } from 'react'

import styles from './live.module.css'

export interface Suspension {
  reason: string
  // ISO 8601, or null: until an admin lifts it.
  until: string | null
}

export function SuspendForm({ who, onSubmit, onCancel }: { who: string; onSubmit: (s: Suspension) => Promise<void>; onCancel: () => void }) {
  const id = useId()
  const [reason, setReason] = useState('')
  const [until, setUntil] = useState('')
  const [busy, setBusy] = useState(false)
  return (
    <form
      aria-label={`Suspend ${who}`}
      className={styles.form}
      onSubmit={(event) => {
        event.preventDefault()
        setBusy(true)
        void onSubmit({ reason: reason.trim(), until: until ? new Date(until).toISOString() : null }).finally(() => setBusy(false))
      }}
    >
      <label htmlFor={`${id}-reason`}>Reason</label>
      <input id={`${id}-reason`} autoFocus required maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
      <label htmlFor={`${id}-until`}>Until (optional)</label>
      <input id={`${id}-until`} type="datetime-local" value={until} onChange={(e) => setUntil(e.target.value)} />
      <Button type="submit" buttonStyle="error" size="small" disabled={busy || !reason.trim()}>
        Suspend {who}
      </Button>
      <Button type="button" buttonStyle="secondary" size="small" onClick={onCancel}>
        Cancel
      </Button>
    </form>
  )
}
