import type { AttachmentRef } from '@payload-chat/server/protocol'
import { useState } from 'react'

import { formatFileSize } from '../model/file-size'
import { inlineSize, splitAttachments } from '../model/display'
import { ImageViewer } from './image-viewer'

import './attachments.css'

export interface MessageAttachmentsProps {
  attachments: AttachmentRef[]
}

// A message's files: images as thumbnails whose space is reserved from their dimensions (nothing
// jumps when they load), opening the full-size viewer; other files as a link with their size. Both
// load from the server's upload routes with the session cookie: there is no public URL.
export function MessageAttachments({ attachments }: MessageAttachmentsProps) {
  const [viewing, setViewing] = useState<number | null>(null)
  if (attachments.length === 0) return null
  const { images, files } = splitAttachments(attachments)
  return (
    <div className="attachments">
      {images.length > 0 && (
        <ul className="attachment-images" aria-label={images.length === 1 ? 'Image' : `${images.length} images`}>
          {images.map((image, index) => {
            const size = inlineSize(image)
            return (
              <li key={image.id}>
                <button type="button" className="thumb" title="View full size" onClick={() => setViewing(index)}>
                  <img
                    src={image.thumbnailUrl ?? image.url}
                    alt={image.filename}
                    width={size.width}
                    height={size.height}
                    style={{ aspectRatio: `${size.width} / ${size.height}` }}
                    loading="lazy"
                    decoding="async"
                  />
                </button>
              </li>
            )
          })}
        </ul>
      )}
      {files.length > 0 && (
        <ul className="attachment-files" aria-label={files.length === 1 ? 'File' : `${files.length} files`}>
          {files.map((file) => (
            <li key={file.id}>
              <a href={file.url} download={file.filename}>
                <span aria-hidden="true">📎 </span>
                {file.filename}
                <span className="muted"> · {formatFileSize(file.filesize)}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
      {viewing !== null && images[viewing] && (
        <ImageViewer images={images} index={viewing} onIndex={setViewing} onClose={() => setViewing(null)} />
      )}
    </div>
  )
}
