// Graceful shutdown on SIGTERM (a deploy, `docker stop`): refuse new requests with 503, tell
// every open stream to come back soon (a final `retry:` frame) and end it, let in-flight
// requests (writes) finish, then exit 0. Registered once per process, from payload's onInit.
import { AsyncLocalStorage } from 'node:async_hooks'
import type { Payload } from 'payload'

import { env } from '../env'
import { closeRealtime } from '../realtime/runtime'
import { processGlobal } from '../process-global.mjs'

interface ShutdownState {
  shuttingDown: boolean
  inFlight: number
  idle: Array<() => void>
  installed: boolean
  // Run before exiting, e.g. closing a listener this process owns.
  beforeExit: Array<() => Promise<void> | void>
}

const state = (): ShutdownState =>
  processGlobal('shutdown', () => ({ shuttingDown: false, inFlight: 0, idle: [], installed: false, beforeExit: [] }))

export const isShuttingDown = (): boolean => state().shuttingDown

// Set while a tracked request runs: a request tracked by its transport (until its answer is
// written) and again by the API handler (until the answer is computed) counts once.
const tracked = new AsyncLocalStorage<true>()

export async function trackRequest<T>(run: () => Promise<T>): Promise<T> {
  if (tracked.getStore()) return run()
  const s = state()
  s.inFlight += 1
  try {
    return await tracked.run(true, run)
  } finally {
    s.inFlight -= 1
    if (s.inFlight === 0) for (const resolve of s.idle.splice(0)) resolve()
  }
}

export function onBeforeExit(callback: () => Promise<void> | void): void {
  state().beforeExit.push(callback)
}

function inFlightDone(timeoutMs: number): Promise<void> {
  const s = state()
  if (s.inFlight === 0) return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, timeoutMs)
    s.idle.push(() => {
      clearTimeout(timer)
      resolve()
    })
  })
}

export async function shutDown(payload: Payload): Promise<void> {
  const s = state()
  if (s.shuttingDown) return
  s.shuttingDown = true
  payload.logger.info(`shutting down: ${s.inFlight} request(s) in flight`)
  closeRealtime()
  await inFlightDone(env.shutdownTimeoutMs)
  for (const callback of s.beforeExit) await callback()
  payload.logger.info('shutdown complete')
}

// The server must run with NEXT_MANUAL_SIG_HANDLE=true (see package.json: pnpm start), or Next's own
// handler races this one and exits with 143 while streams are still open.
export function installShutdownHandler(payload: Payload): void {
  const s = state()
  if (s.installed) return
  s.installed = true
  process.once('SIGTERM', () => {
    shutDown(payload).then(
      () => process.exit(0),
      (error) => {
        payload.logger.error({ err: error }, 'shutdown failed')
        process.exit(1)
      },
    )
  })
}
