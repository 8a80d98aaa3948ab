// The composer's files: `add` queues them and each admitted one starts uploading at once, `cancel`
// aborts one or takes it off, `clear` forgets them all (after a send). Unmounting (another
// conversation, logging out) aborts what is still going; the server removes files never attached.
import { useCallback, useEffect, useReducer, useRef } from 'react'

import { errorMessage } from '../../lib/api-client'
import { uploadAttachment } from '../api/upload'
import { emptyQueue, uploadQueueReducer, type UploadQueue } from '../model/upload-queue'

export interface Uploads {
  queue: UploadQueue
  add: (files: Iterable<File>) => void
  cancel: (key: string) => void
  clear: () => void
}

let lastKey = 0

export function useUploads(): Uploads {
  const [queue, dispatch] = useReducer(uploadQueueReducer, emptyQueue)
  // Files waiting for their upload to start, and the uploads going, by key.
  const waiting = useRef(new Map<string, File>())
  const going = useRef(new Map<string, () => void>())

  const add = useCallback((files: Iterable<File>) => {
    const infos = []
    for (const file of files) {
      const key = `upload-${++lastKey}`
      waiting.current.set(key, file)
      infos.push({ key, name: file.name, size: file.size })
    }
    if (infos.length) dispatch({ type: 'added', files: infos })
  }, [])

  // Starts what the queue admitted (the reducer decides: size, count).
  useEffect(() => {
    for (const item of queue.items) {
      const file = waiting.current.get(item.key)
      if (!file) continue
      waiting.current.delete(item.key)
      if (item.status !== 'uploading') continue
      const { key } = item
      const request = uploadAttachment(file, (sent) => dispatch({ type: 'progress', key, sent }))
      going.current.set(key, request.abort)
      request.done
        .then(
          (attachment) => dispatch({ type: 'uploaded', key, attachment }),
          (error: unknown) => {
            // Cancelled: its chip is already gone.
            if ((error as Error)?.name !== 'AbortError') dispatch({ type: 'failed', key, error: errorMessage(error) })
          },
        )
        .finally(() => going.current.delete(key))
    }
    // Left out (over the count): never started.
    for (const key of waiting.current.keys()) if (!queue.items.some((item) => item.key === key)) waiting.current.delete(key)
  }, [queue])

  const cancel = useCallback((key: string) => {
    going.current.get(key)?.()
    dispatch({ type: 'removed', key })
  }, [])

  const clear = useCallback(() => {
    for (const abort of going.current.values()) abort()
    dispatch({ type: 'cleared' })
  }, [])

  useEffect(() => {
    const requests = going.current
    return () => {
      for (const abort of requests.values()) abort()
    }
  }, [])

  return { queue, add, cancel, clear }
}
