import { MAX_REPORT_NOTE_LENGTH, REPORT_REASONS, type CreateReportRequest, type ReportReason } from '@payload-chat/server/protocol'
import { useId, useRef, useState, type FormEvent } from 'react'
import { createPortal } from 'react-dom'

import { errorMessage } from '../../../lib/api-client'
import { useModalDialog } from '../hooks/use-modal-dialog'
import { REASON_LABELS } from '../model/moderation'
import { FormError } from './form-error'
import { LengthCounter } from './length-counter'

export interface ReportDialogProps {
  excerpt: string // the reported message, as a reminder of what is being reported
  // Resolves once the server took the report; its refusal is shown here and the dialog stays.
  onSubmit: (report: Pick<CreateReportRequest, 'reason' | 'note'>) => Promise<void>
  onCancel: () => void
}

// Reporting a message to the moderators: a reason (required), an optional note. A modal dialog
// (useModalDialog) whose focus starts on the first reason; rendered at the end of the page, not
// inside the message list, whose live region would read it out as a new message.
export function ReportDialog({ excerpt, onSubmit, onCancel }: ReportDialogProps) {
  const titleId = useId()
  const excerptId = useId()
  const noteId = useId()
  const [reason, setReason] = useState<ReportReason | null>(null)
  const [note, setNote] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const firstReasonRef = useRef<HTMLInputElement>(null)
  const modal = useModalDialog(firstReasonRef, onCancel)
  const noteLength = note.trim().length
  const valid = reason !== null && noteLength <= MAX_REPORT_NOTE_LENGTH

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!valid || busy) return
    setBusy(true)
    setError(null)
    try {
      await onSubmit({ reason, note: note.trim() || null })
    } catch (err) {
      setError(errorMessage(err))
      setBusy(false)
    }
  }

  return createPortal(
    <dialog {...modal} className="confirm report" aria-labelledby={titleId} aria-describedby={excerptId}>
      <form onSubmit={(event) => void submit(event)}>
        <h2 id={titleId}>Report this message</h2>
        <blockquote id={excerptId} className="excerpt">
          {excerpt}
        </blockquote>
        <fieldset className="reasons">
          <legend>Why are you reporting it?</legend>
          {REPORT_REASONS.map((value, index) => (
            <label key={value}>
              <input
                type="radio"
                name="report-reason"
                value={value}
                ref={index === 0 ? firstReasonRef : undefined}
                checked={reason === value}
                onChange={() => setReason(value)}
              />
              {REASON_LABELS[value]}
            </label>
          ))}
        </fieldset>
        <label className="field" htmlFor={noteId}>
          Note for the moderators (optional)
        </label>
        <textarea
          id={noteId}
          rows={3}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          aria-describedby={`${noteId}-counter`}
          aria-invalid={noteLength > MAX_REPORT_NOTE_LENGTH || undefined}
        />
        <LengthCounter id={`${noteId}-counter`} length={noteLength} max={MAX_REPORT_NOTE_LENGTH} />
        <FormError message={error} />
        <div className="actions">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!valid || busy}>
            Send report
          </button>
        </div>
      </form>
    </dialog>,
    document.body,
  )
}
