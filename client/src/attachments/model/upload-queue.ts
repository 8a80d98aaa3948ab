// The files being attached to the message in the composer: each uploads at once, shows its
// progress, may be cancelled, and fails in words. Pure: the hook (use-uploads) runs the requests
// and reports here. A message is sent with the files that finished, once none is still going.
import { MAX_ATTACHMENTS_PER_MESSAGE, type AttachmentRef } from '@payload-chat/server/protocol'

import { formatFileSize } from './file-size'

// The server's default UPLOAD_MAX_BYTES: checked here too, so a file that is too big is refused
// before its bytes are sent. The server stays the judge (its 413 is shown like this refusal).
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024

export type UploadStatus = 'uploading' | 'done' | 'failed'

export interface Upload {
  key: string
  name: string
  size: number
  status: UploadStatus
  sent: number // bytes sent so far (for the progress bar)
  error: string | null // with 'failed': what went wrong, in words
  attachment: AttachmentRef | null // with 'done': the server's record, whose id the message names
}

export interface UploadQueue {
  items: Upload[]
  notice: string | null // about files that were not taken (more than a message may have)
}

export const emptyQueue: UploadQueue = { items: [], notice: null }

// A file as the queue needs it (a File has these; tests pass plain objects).
export interface FileInfo {
  key: string
  name: string
  size: number
}

export const tooBigMessage = (name: string, size: number) =>
  `${name} is ${formatFileSize(size)}: files can be at most ${formatFileSize(MAX_UPLOAD_BYTES)}.`

// Which of `files` to upload and which are refused at once (too big, empty), and how many are
// left out because the message would have more than MAX_ATTACHMENTS_PER_MESSAGE files. Refused
// files stay as failed chips, so the person sees why; they count against nothing.
export function admit(queue: UploadQueue, files: FileInfo[]): { uploads: Upload[]; leftOut: number } {
  let room = MAX_ATTACHMENTS_PER_MESSAGE - queue.items.filter((item) => item.status !== 'failed').length
  const uploads: Upload[] = []
  let leftOut = 0
  for (const file of files) {
    const base = { key: file.key, name: file.name, size: file.size, sent: 0, attachment: null }
    if (file.size > MAX_UPLOAD_BYTES) uploads.push({ ...base, status: 'failed', error: tooBigMessage(file.name, file.size) })
    else if (file.size === 0) uploads.push({ ...base, status: 'failed', error: `${file.name} is empty.` })
    else if (room <= 0) leftOut++
    else {
      room--
      uploads.push({ ...base, status: 'uploading', error: null })
    }
  }
  return { uploads, leftOut }
}

export type UploadAction =
  | { type: 'added'; files: FileInfo[] } // admitted or refused here (admit)
  | { type: 'progress'; key: string; sent: number }
  | { type: 'uploaded'; key: string; attachment: AttachmentRef }
  | { type: 'failed'; key: string; error: string }
  | { type: 'removed'; key: string } // cancelled while uploading, or taken off the message
  | { type: 'cleared' } // the message was sent, or the conversation left

const leftOutNotice = (count: number) =>
  `A message can have at most ${MAX_ATTACHMENTS_PER_MESSAGE} files: ${count === 1 ? '1 file was' : `${count} files were`} left out.`

const update = (queue: UploadQueue, key: string, change: (item: Upload) => Upload | null): UploadQueue => {
  const item = queue.items.find((candidate) => candidate.key === key)
  const next = item && change(item)
  return !item || !next || next === item ? queue : { ...queue, items: queue.items.map((candidate) => (candidate === item ? next : candidate)) }
}

export function uploadQueueReducer(queue: UploadQueue, action: UploadAction): UploadQueue {
  switch (action.type) {
    case 'added': {
      const { uploads, leftOut } = admit(queue, action.files)
      return { items: [...queue.items, ...uploads], notice: leftOut > 0 ? leftOutNotice(leftOut) : null }
    }
    case 'progress':
      // Only an upload still going moves (a late progress event after a cancel or an answer does not).
      return update(queue, action.key, (item) => (item.status === 'uploading' ? { ...item, sent: Math.max(item.sent, action.sent) } : null))
    case 'uploaded':
      return update(queue, action.key, (item) =>
        item.status === 'uploading' ? { ...item, status: 'done', sent: item.size, attachment: action.attachment } : null,
      )
    case 'failed':
      return update(queue, action.key, (item) => (item.status === 'uploading' ? { ...item, status: 'failed', error: action.error } : null))
    case 'removed': {
      const items = queue.items.filter((item) => item.key !== action.key)
      return items.length === queue.items.length ? queue : { items, notice: null }
    }
    case 'cleared':
      return emptyQueue
  }
}

// The files a send attaches, in the order they were added.
export const readyAttachments = (queue: UploadQueue): AttachmentRef[] =>
  queue.items.flatMap((item) => (item.status === 'done' && item.attachment ? [item.attachment] : []))

// Why the message cannot be sent yet because of its files, or null when they do not hold it up.
// A failed file blocks too: sending without it would drop it silently.
export function holdUp(queue: UploadQueue): string | null {
  if (queue.items.some((item) => item.status === 'uploading')) return 'Wait for the files to finish uploading.'
  if (queue.items.some((item) => item.status === 'failed')) return 'Remove the files that could not be uploaded to send.'
  return null
}

// 0 to 100, for the progress bar.
export const percent = (item: Upload): number => (item.size > 0 ? Math.min(100, Math.round((item.sent / item.size) * 100)) : 0)
