// Starts the production server through the shared launcher (tooling/launch-server.mjs) with the
// benchmark's settings, and reads its CPU time and memory from /proc (summed over its process tree).
import { randomBytes } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'

import { launchProductionServer } from '../../tooling/launch-server.mjs'

const CLOCK_TICKS = 100

// On a free port and a fresh SQLite file, both gone after stop().
export async function startServer({ env = {}, nodeArgs = [] } = {}) {
  const server = await launchProductionServer({
    nodeArgs,
    // 10,000 streams need more than the default 1,024 open files.
    raiseOpenFileLimit: true,
    startTimeoutMs: 60_000,
    env: {
      ENV_FILE: '/nonexistent',
      PAYLOAD_SECRET: randomBytes(24).toString('hex'),
      SEED_DEMO_USERS: 'false',
      SIGNUP_ENABLED: 'true',
      SSE_MAX_STREAMS: '100000',
      SSE_MAX_STREAMS_PER_USER: '100000',
      LOG_LEVEL: 'warn',
      // The bench measures capacity, not abuse limits: one address signs everyone up and posts.
      SIGNUPS_PER_IP: '1000000',
      MESSAGE_RATE_PER_SECOND: '1000000',
      MESSAGE_BURST: '1000000',
      ...env,
    },
  })
  return { url: server.url, pid: server.pid, log: server.output, stop: server.stop, databaseFile: server.databaseFile }
}

function descendants(pid) {
  const children = new Map()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      if (!children.has(ppid)) children.set(ppid, [])
      children.get(ppid).push(Number(entry))
    } catch {
      // the process ended while we looked
    }
  }
  const all = [pid]
  for (let i = 0; i < all.length; i++) all.push(...(children.get(all[i]) ?? []))
  return all
}

// CPU seconds (user + system) and resident memory in bytes of the server and its children.
export function sample(pid) {
  let cpuSeconds = 0
  let rssBytes = 0
  for (const p of descendants(pid)) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      cpuSeconds += (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS
      const status = readFileSync(`/proc/${p}/status`, 'utf8')
      rssBytes += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024
    } catch {
      // the process ended while we looked
    }
  }
  return { at: performance.now(), cpuSeconds, rssBytes }
}

// Share of one core used between two samples, in percent.
export const cpuPercent = (from, to) => (100 * (to.cpuSeconds - from.cpuSeconds)) / ((to.at - from.at) / 1000)
