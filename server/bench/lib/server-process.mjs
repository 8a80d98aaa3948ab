// Starts the production server through the shared launcher (tooling/launch-server.mjs) with the
// benchmark's settings, and reads its CPU time and memory from /proc (summed over its process tree).
import { randomBytes } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'

import { launchProductionServer } from '../../tooling/launch-server.mjs'
import { LOOP_DELAY_LINE } from './loop-delay.mjs'

const CLOCK_TICKS = 100

// Servers still running: killed if the bench exits without stopping them (a failure, Ctrl-C).
const running = new Set()
process.on('exit', () => {
  for (const server of running) server.child.kill('SIGKILL')
})

// On a free port and a fresh SQLite file (or `databaseUri`, a fresh PostgreSQL database), gone
// after stop(). The server's event-loop delay is measured in windows (loopDelayWindow()).
export async function startServer({ env = {}, nodeArgs = [], databaseUri } = {}) {
  const server = await launchProductionServer({
    nodeArgs: [...(process.env.BENCH_PRELOAD ? ['--require', process.env.BENCH_PRELOAD] : []), `--import=${new URL('./loop-delay.mjs', import.meta.url).href}`, ...nodeArgs],
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
      BENCH_LOOP_DELAY: '1',
      ...(databaseUri ? { DATABASE_URI: databaseUri } : {}),
      ...env,
    },
  })
  running.add(server)
  const stop = async () => {
    await server.stop()
    running.delete(server)
  }
  return { url: server.url, pid: server.pid, log: server.output, stop, databaseFile: server.databaseFile, databaseUri: databaseUri ?? `file:${server.databaseFile}`, loopDelayWindow: () => loopDelayWindow(server.output) }
}

const loopDelayLines = (output) =>
  output()
    .split('\n')
    .filter((line) => line.startsWith(LOOP_DELAY_LINE))
    .map((line) => JSON.parse(line.slice(LOOP_DELAY_LINE.length)))

// Ends the current loop-delay window of every server process (primary and workers) and starts the
// next: the worst process's figures for the window that ended ({ p50, p99, max } in ms).
async function loopDelayWindow(output) {
  const pids = loopDelayLines(output).filter((line) => line.ready).map((line) => line.pid)
  const before = loopDelayLines(output).filter((line) => !line.ready).length
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGUSR2')
    } catch {
      // the process has gone (a worker that exited)
    }
  }
  for (let waited = 0; waited < 5000 && loopDelayLines(output).filter((line) => !line.ready).length < before + pids.length; waited += 20) {
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  const windows = loopDelayLines(output).filter((line) => !line.ready).slice(before)
  const worst = (key) => Math.max(...windows.map((w) => w[key]))
  return windows.length ? { p50: worst('p50'), p99: worst('p99'), max: worst('max'), processes: windows.length } : undefined
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
