import type { CollectionAfterChangeHook, CollectionAfterDeleteHook } from 'payload'

import { wakeRealtime } from '../realtime/runtime'

// For every collection whose writes are change rows (messages, rooms, memberships). db-sqlite
// runs without transactions, so the change row is committed by the time these run: waking the
// poller now delivers the change in milliseconds instead of at the next poll. On PostgreSQL the
// change is also sequenced now, so other processes hear of it even if this one has no stream open
// (src/db/postgres/sequencer.ts).
export const wakeStreamAfterChange: CollectionAfterChangeHook = ({ doc }) => {
  wakeRealtime()
  return doc
}

export const wakeStreamAfterDelete: CollectionAfterDeleteHook = ({ doc }) => {
  wakeRealtime()
  return doc
}
