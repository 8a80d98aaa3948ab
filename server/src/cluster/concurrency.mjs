// WEB_CONCURRENCY: how many worker processes serve the port. Plain .mjs: server.mjs reads it
// before anything else loads (no TypeScript, no Payload in the cluster primary).
import os from 'node:os'

// Unset or empty: 1 (one process, no primary). `auto`: one per core this process may use.
// Anything else must be a whole number from 1 to 256; otherwise the server refuses to start.
export function webConcurrency(raw, cores = os.availableParallelism()) {
  const value = raw?.trim()
  if (!value) return 1
  if (value.toLowerCase() === 'auto') return Math.max(1, cores)
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 256) {
    throw new Error(`WEB_CONCURRENCY must be a whole number from 1 to 256, or "auto" (one worker per core), got "${raw}"`)
  }
  return Number(value)
}
