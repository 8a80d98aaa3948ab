import { useMyReports } from '../hooks/use-my-reports'
import { REASON_LABELS, reportStateText } from '../model/moderation'
import { formatWhen } from '../model/timeline'
import { FormError } from './form-error'

// The reports you made, newest first: what you reported (while you may still read it), why,
// when, and where each stands. Nobody else's reports are ever listed.
export function MyReports() {
  const { reports, error } = useMyReports()
  if (reports === null) return <p className="muted">Loading your reports…</p>
  return (
    <>
      <FormError message={error} />
      <ul className="member-list report-list" aria-label="Your reports">
        {reports.map((report) => (
          <li key={report.id}>
            <span className="person-main">
              <span className="preview">{typeof report.message === 'object' && report.message ? report.message.content : 'Message no longer available'}</span>
              <span className="muted">
                {REASON_LABELS[report.reason]} · <time dateTime={report.createdAt}>{formatWhen(report.createdAt)}</time>
              </span>
            </span>
            <span className={`report-state ${report.status}`}>{reportStateText(report)}</span>
          </li>
        ))}
        {!error && reports.length === 0 && <li className="muted empty">You have not reported anything.</li>}
      </ul>
    </>
  )
}
