import { formatFileSize } from '../model/file-size'
import { holdUp, percent, type UploadQueue } from '../model/upload-queue'

import './attachments.css'

export interface AttachmentTrayProps {
  queue: UploadQueue
  onCancel: (key: string) => void
}

// The files of the message being written, above the composer: each with its progress and a
// cancel while uploading, its size once uploaded, or what went wrong.
export function AttachmentTray({ queue, onCancel }: AttachmentTrayProps) {
  if (queue.items.length === 0 && !queue.notice) return null
  const held = holdUp(queue)
  return (
    <div className="attachment-tray">
      <ul aria-label="Files to send">
        {queue.items.map((item) => (
          <li key={item.key} className={`attachment-chip ${item.status}`}>
            <span className="chip-name">{item.name}</span>
            {item.status === 'uploading' && (
              <progress max={100} value={percent(item)} aria-label={`Uploading ${item.name}`}>
                {percent(item)}%
              </progress>
            )}
            {item.status === 'done' && <span className="chip-size muted">{formatFileSize(item.size)}</span>}
            {item.status === 'failed' && (
              <span className="chip-error" role="alert">
                {item.error}
              </span>
            )}
            <button
              type="button"
              className="link chip-remove"
              aria-label={item.status === 'uploading' ? `Cancel upload of ${item.name}` : `Remove ${item.name}`}
              onClick={() => onCancel(item.key)}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      {queue.notice && (
        <p className="chip-notice" role="status">
          {queue.notice}
        </p>
      )}
      {held && queue.items.some((item) => item.status === 'failed') && <p className="muted chip-held">{held}</p>}
    </div>
  )
}
