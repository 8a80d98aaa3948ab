import { MAX_ATTACHMENTS_PER_MESSAGE } from '@payload-chat/server/protocol'
import { describe, expect, it } from 'vitest'

import { makeAttachment } from './test-attachments'
import { admit, emptyQueue, holdUp, MAX_UPLOAD_BYTES, percent, readyAttachments, uploadQueueReducer, type FileInfo, type UploadQueue } from './upload-queue'

const file = (key: string, size = 1000, name = `${key}.png`): FileInfo => ({ key, name, size })
const add = (queue: UploadQueue, files: FileInfo[]) => uploadQueueReducer(queue, { type: 'added', files })

describe('admit', () => {
  it('uploads files within the size limit and refuses larger and empty ones in words', () => {
    const { uploads, leftOut } = admit(emptyQueue, [file('a', MAX_UPLOAD_BYTES), file('b', 12 * 1024 * 1024, 'big.mov'), file('c', 0, 'empty.txt')])
    expect(leftOut).toBe(0)
    expect(uploads.map((u) => [u.key, u.status])).toEqual([
      ['a', 'uploading'],
      ['b', 'failed'],
      ['c', 'failed'],
    ])
    expect(uploads[1].error).toBe('big.mov is 12 MB: files can be at most 10 MB.')
    expect(uploads[2].error).toBe('empty.txt is empty.')
  })

  it('takes at most the files a message may have, counting those already there but not failed ones', () => {
    let queue = add(emptyQueue, [file('huge', MAX_UPLOAD_BYTES + 1)])
    queue = add(queue, Array.from({ length: MAX_ATTACHMENTS_PER_MESSAGE - 2 }, (_, i) => file(`f${i}`)))
    const { uploads, leftOut } = admit(queue, [file('x'), file('y'), file('z'), file('w')])
    expect(uploads.map((u) => u.key)).toEqual(['x', 'y'])
    expect(leftOut).toBe(2)
    queue = add(queue, [file('x'), file('y'), file('z'), file('w')])
    expect(queue.notice).toBe('A message can have at most 10 files: 2 files were left out.')
    expect(queue.items.filter((u) => u.status === 'uploading')).toHaveLength(MAX_ATTACHMENTS_PER_MESSAGE)
  })
})

describe('uploadQueueReducer', () => {
  it('moves an upload from progress to done, and sends its attachment', () => {
    let queue = add(emptyQueue, [file('a', 2000), file('b', 500)])
    queue = uploadQueueReducer(queue, { type: 'progress', key: 'a', sent: 1000 })
    expect(percent(queue.items[0])).toBe(50)
    expect(holdUp(queue)).toBe('Wait for the files to finish uploading.')
    queue = uploadQueueReducer(queue, { type: 'uploaded', key: 'a', attachment: makeAttachment(7) })
    queue = uploadQueueReducer(queue, { type: 'uploaded', key: 'b', attachment: makeAttachment(8) })
    expect(queue.items.map((u) => u.status)).toEqual(['done', 'done'])
    expect(percent(queue.items[0])).toBe(100)
    expect(holdUp(queue)).toBeNull()
    expect(readyAttachments(queue).map((a) => a.id)).toEqual([7, 8])
  })

  it('ignores what arrives for an upload that was cancelled or already answered', () => {
    let queue = add(emptyQueue, [file('a'), file('b')])
    queue = uploadQueueReducer(queue, { type: 'removed', key: 'a' })
    const afterCancel = queue
    queue = uploadQueueReducer(queue, { type: 'progress', key: 'a', sent: 10 })
    queue = uploadQueueReducer(queue, { type: 'uploaded', key: 'a', attachment: makeAttachment(1) })
    expect(queue).toBe(afterCancel)
    queue = uploadQueueReducer(queue, { type: 'failed', key: 'b', error: 'This type of file cannot be sent.' })
    const failed = queue
    queue = uploadQueueReducer(queue, { type: 'uploaded', key: 'b', attachment: makeAttachment(2) })
    expect(queue).toBe(failed)
    expect(queue.items).toEqual([expect.objectContaining({ key: 'b', status: 'failed', error: 'This type of file cannot be sent.' })])
  })

  it('holds the send while a failed file remains, until it is removed', () => {
    let queue = add(emptyQueue, [file('a'), file('b', MAX_UPLOAD_BYTES + 1)])
    queue = uploadQueueReducer(queue, { type: 'uploaded', key: 'a', attachment: makeAttachment(3) })
    expect(holdUp(queue)).toBe('Remove the files that could not be uploaded to send.')
    queue = uploadQueueReducer(queue, { type: 'removed', key: 'b' })
    expect(holdUp(queue)).toBeNull()
    expect(readyAttachments(queue).map((a) => a.id)).toEqual([3])
  })

  it('never moves progress backwards, and empties on clear', () => {
    let queue = add(emptyQueue, [file('a', 1000)])
    queue = uploadQueueReducer(queue, { type: 'progress', key: 'a', sent: 600 })
    queue = uploadQueueReducer(queue, { type: 'progress', key: 'a', sent: 300 })
    expect(queue.items[0].sent).toBe(600)
    expect(uploadQueueReducer(queue, { type: 'cleared' })).toEqual(emptyQueue)
  })
})
