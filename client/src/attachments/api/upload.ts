// Uploading one file (`POST /api/attachments`, or `/api/avatars`) as multipart form data. An
// XMLHttpRequest, not fetch: only it reports upload progress. Same origin, with the session cookie.
import { ATTACHMENTS_PATH, type AttachmentRef } from '@payload-chat/server/protocol'

import { ApiError, errorMessages, HIDDEN_ERROR_MESSAGE } from '../../lib/api-client'
import { formatFileSize } from '../model/file-size'
import { MAX_UPLOAD_BYTES } from '../model/upload-queue'

// The part of Payload's upload document the client reads.
export interface UploadDoc {
  id: number
  filename: string
  mimeType: string
  filesize: number
  width?: number | null
  height?: number | null
  url: string
  sizes?: { thumbnail?: { url?: string | null } | null } | null
}

// An upload as a message names it: what the pending message shows until the server's copy comes.
export const attachmentOf = (doc: UploadDoc): AttachmentRef => ({
  id: doc.id,
  filename: doc.filename,
  mimeType: doc.mimeType,
  filesize: doc.filesize,
  width: doc.width ?? null,
  height: doc.height ?? null,
  url: doc.url,
  thumbnailUrl: doc.sizes?.thumbnail?.url ?? null,
})

// What to say when the server refused a file and said nothing a person can act on.
export function uploadFailure(status: number, body: unknown, name: string): ApiError {
  const said = errorMessages(body).filter((message) => message !== HIDDEN_ERROR_MESSAGE)
  if (said.length) return new ApiError(status, said)
  if (status === 0) return new ApiError(0, [`${name} could not be uploaded: check your connection.`])
  if (status === 413) return new ApiError(413, [`${name} is too big: files can be at most ${formatFileSize(MAX_UPLOAD_BYTES)}.`])
  if (status === 415 || status === 400) return new ApiError(status, [`${name} cannot be sent: this type of file is not allowed.`])
  return new ApiError(status, [`${name} could not be uploaded (${status}).`])
}

export interface UploadRequest<T> {
  done: Promise<T>
  abort: () => void // the promise then rejects with an AbortError
}

// Sends `file` to `path`; `onProgress` hears the bytes sent so far.
export function uploadFile(path: string, file: File, onProgress?: (sent: number) => void): UploadRequest<UploadDoc> {
  const xhr = new XMLHttpRequest()
  const done = new Promise<UploadDoc>((resolve, reject) => {
    xhr.open('POST', path)
    xhr.withCredentials = true
    xhr.setRequestHeader('Accept', 'application/json')
    xhr.responseType = 'text'
    xhr.upload.onprogress = (event) => onProgress?.(event.loaded)
    xhr.onload = () => {
      let body: unknown = null
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null
      } catch {
        body = null
      }
      const doc = (body as { doc?: UploadDoc } | null)?.doc
      if (xhr.status >= 200 && xhr.status < 300 && doc) resolve(doc)
      else reject(uploadFailure(xhr.status, body, file.name))
    }
    xhr.onerror = () => reject(uploadFailure(0, null, file.name))
    xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'))
    const form = new FormData()
    form.append('file', file, file.name)
    xhr.send(form)
  })
  return { done, abort: () => xhr.abort() }
}

export const uploadAttachment = (file: File, onProgress?: (sent: number) => void) => {
  const request = uploadFile(ATTACHMENTS_PATH, file, onProgress)
  return { done: request.done.then(attachmentOf), abort: request.abort }
}
