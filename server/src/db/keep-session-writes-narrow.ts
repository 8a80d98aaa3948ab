import type { BaseDatabaseAdapter, DatabaseAdapterObj, UpdateOneArgs } from 'payload'

// Payload's session bookkeeping (login's addSessionToUser, revokeSession, refresh, logout) writes
// the user row it read at the start of the request back whole: `updateOne({data: user,
// returning: false})` (payloadcms/payload#18132, #16027, still open in 3.90). A login whose
// password check is slow enough overlaps an admin's suspension, lift or role change and writes
// the stale `suspended`, `role` and sessions back, undoing it. Those calls are the only
// `returning: false` writes to `users` that carry `sessions`; they keep only the sessions (and
// Payload's `updatedAt: null`, which leaves updatedAt alone). A stale sessions list can still
// bring back sessions a suspension removed: they stay dead while the user is suspended
// (hideSessionsWhileSuspended), a refused login clears them again (refuseSuspendedLogin) and a
// lift clears them (endSessionsOnSuspension).
export function narrowSessionWrite(args: UpdateOneArgs): UpdateOneArgs {
  const { collection, data, returning } = args
  if (collection !== 'users' || returning !== false || !data || !('sessions' in data)) return args
  const narrow: Record<string, unknown> = { sessions: data.sessions }
  if ('updatedAt' in data) narrow.updatedAt = data.updatedAt
  return { ...args, data: narrow }
}

export function keepSessionWritesNarrow<T extends BaseDatabaseAdapter>(adapter: DatabaseAdapterObj<T>): DatabaseAdapterObj<T> {
  return {
    ...adapter,
    init: (args) => {
      const db = adapter.init(args)
      const updateOne = db.updateOne
      db.updateOne = function (this: T, args: UpdateOneArgs) {
        return updateOne.call(this, narrowSessionWrite(args))
      }
      return db
    },
  }
}
