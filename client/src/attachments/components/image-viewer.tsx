import type { AttachmentRef } from '@payload-chat/server/protocol'
import { useId, useRef, type KeyboardEvent } from 'react'
import { createPortal } from 'react-dom'

import { useModalDialog } from '../../hooks/use-modal-dialog'

export interface ImageViewerProps {
  images: AttachmentRef[]
  index: number
  onIndex: (index: number) => void
  onClose: () => void
}

// A message's images full size, one at a time: a modal dialog (the page behind is out of reach,
// Escape closes it, the focus returns to the thumbnail), arrow keys or buttons for the others.
// Rendered at the end of the page, not inside the message list's live region.
export function ImageViewer({ images, index, onIndex, onClose }: ImageViewerProps) {
  const titleId = useId()
  const closeRef = useRef<HTMLButtonElement>(null)
  const modal = useModalDialog(closeRef, onClose)
  const image = images[index]
  const several = images.length > 1
  const go = (step: number) => onIndex((index + step + images.length) % images.length)

  const onKeyDown = (event: KeyboardEvent) => {
    if (several && event.key === 'ArrowRight') go(1)
    else if (several && event.key === 'ArrowLeft') go(-1)
    else modal.onKeyDown(event)
  }

  return createPortal(
    <dialog {...modal} onKeyDown={onKeyDown} className="image-viewer" aria-labelledby={titleId}>
      <header>
        <h2 id={titleId}>
          {image.filename}
          {several && <span className="muted"> ({index + 1} of {images.length})</span>}
        </h2>
        <button type="button" ref={closeRef} onClick={onClose}>
          Close
        </button>
      </header>
      <div className="viewer-stage">
        <img key={image.id} src={image.url} alt={image.filename} width={image.width ?? undefined} height={image.height ?? undefined} />
      </div>
      {several && (
        <div className="actions">
          <button type="button" onClick={() => go(-1)}>
            ‹ Previous
          </button>
          <button type="button" onClick={() => go(1)}>
            Next ›
          </button>
        </div>
      )}
    </dialog>,
    document.body,
  )
}
