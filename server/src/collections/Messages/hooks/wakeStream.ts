import type { CollectionAfterChangeHook, CollectionAfterDeleteHook } from 'payload'

import { wakeRealtime } from '../../../realtime/runtime'
import type { Message } from '../../../payload-types'

// db-sqlite runs without transactions, so the change row is committed by the time these run:
// waking the poller now delivers the change in milliseconds instead of at the next poll.
export const wakeStreamAfterChange: CollectionAfterChangeHook<Message> = ({ doc }) => {
  wakeRealtime()
  return doc
}

export const wakeStreamAfterDelete: CollectionAfterDeleteHook<Message> = ({ doc }) => {
  wakeRealtime()
  return doc
}
