'use client'
// The report queue's actions, above an open report's document controls
// (admin.components.edit.beforeDocumentControls of Reports): remove the message, suspend its
// author, or dismiss, each through POST /api/reports/:id/resolve (protocol/moderation.ts), which
// also records who resolved it and how. A resolved report shows how instead.
import { Button, toast, useConfig, useDocumentInfo } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import React, { useState } from 'react'

import type { ResolveReportRequest } from '../../protocol'
import { adminFetch } from '../live/admin-fetch'
import { type Suspension, SuspendForm } from '../live/SuspendForm'
import styles from '../live/live.module.css'

export function ResolveActions() {
  const { config } = useConfig()
  const { id, data } = useDocumentInfo()
  const router = useRouter()
  const [suspending, setSuspending] = useState(false)
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  if (id === undefined || data?.status !== 'open') return null

  const resolve = async (request: ResolveReportRequest) => {
    setBusy(true)
    try {
      await adminFetch(`${config.routes.api}/reports/${id}/resolve`, { method: 'POST', body: request })
      toast.success('Report resolved.')
      // The document's fields (status, resolution, resolvedBy) are the server's now: show them,
      // re-rendering the page's server side only (no full reload).
      router.refresh()
      setBusy(false)
    } catch (error) {
      toast.error((error as Error).message)
      setBusy(false)
    }
  }
  const author = typeof data.author === 'object' && data.author ? String(data.author.name) : 'the author'

  return (
    <div className={styles.actions} role="group" aria-label="Resolve this report">
      {/* Removing is for everyone and cannot be undone: confirmed first, as in the live view. */}
      {confirming ? (
        <span role="group" aria-label="Confirm the removal" className={styles.confirm}>
          <span>Remove this message for everyone?</span>
          <Button buttonStyle="error" size="small" disabled={busy} onClick={() => void resolve({ action: 'remove' })}>
            Yes, remove
          </Button>
          <Button buttonStyle="secondary" size="small" onClick={() => setConfirming(false)}>
            Keep
          </Button>
        </span>
      ) : (
        <Button buttonStyle="error" size="small" disabled={busy} onClick={() => setConfirming(true)}>
          Remove message
        </Button>
      )}
      <Button buttonStyle="secondary" size="small" disabled={busy} onClick={() => setSuspending(!suspending)}>
        Suspend author
      </Button>
      <Button buttonStyle="secondary" size="small" disabled={busy} onClick={() => void resolve({ action: 'dismiss' })}>
        Dismiss
      </Button>
      {suspending && (
        <SuspendForm
          who={author}
          onSubmit={({ reason, until }: Suspension) => resolve({ action: 'suspend', reason, until })}
          onCancel={() => setSuspending(false)}
        />
      )}
    </div>
  )
}
