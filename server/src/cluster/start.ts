// The cross-process half of a server process, started by Payload's onInit next to the realtime
// runtime: the commit signal (another process wrote: wake the follower of what it wrote, the feed
// poller, the revocation follower or the presence follower) and the revocation follower. Through
// the database only (docs/scaling.md).
import type { Payload } from 'payload'

import { applyHere, CROSS_PROCESS, type RevocationWriter } from '../auth/revoke-access'
import { RevocationFollower } from '../auth/revocation-follower'
import type { CommitKind, CrossProcess } from '../db/cross-process'
import { env } from '../env'
import { existingProcessGlobal, setProcessGlobal } from '../process-global.mjs'
import { wakePoller, wakePresence } from '../realtime/runtime'

interface Running {
  follower: RevocationFollower
  stopWatch: () => void
}

const RUNNING = 'cross-process-running'

export async function startCrossProcess(payload: Payload, store: CrossProcess): Promise<void> {
  // A second onInit in one process (a `next dev` reload) replaces the first's timers.
  const previous = existingProcessGlobal<Running>(RUNNING)
  previous?.follower.stop()
  previous?.stopWatch()
  const logError = (error: unknown, message: string) => payload.logger.error({ err: error }, message)
  // A logout must not fail because the others could not be told: they end its streams at their
  // session check and forget the login within AUTH_CACHE_MS.
  const writer: RevocationWriter = {
    revoke: (change) => store.revoke(change).catch((error) => logError(error, 'writing a revocation for the other processes failed')),
  }
  setProcessGlobal(CROSS_PROCESS, writer)
  const follower = new RevocationFollower({
    store,
    fallbackMs: env.stream.sessionCheckMs,
    apply: applyHere,
    logError,
  })
  await follower.start()
  const { wakeCheckMs } = env.crossProcess
  const wake: Record<CommitKind, () => void> = { feed: wakePoller, presence: wakePresence, revocation: () => follower.wake() }
  const stopWatch = wakeCheckMs > 0 ? store.watchCommits((kind) => wake[kind](), wakeCheckMs) : () => {}
  setProcessGlobal(RUNNING, { follower, stopWatch })
}
