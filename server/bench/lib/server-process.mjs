// Starts the production server (server.mjs over the `next build` output) on a free port with a fresh SQLite
// file, and reads its CPU time and memory from /proc (summed over its process tree).
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

const serverDir = path.resolve(import.meta.dirname, '..', '..')
const CLOCK_TICKS = 100

export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address()
      probe.close(() => resolve(port))
    })
    probe.on('error', reject)
  })
}

export async function startServer({ env = {}, nodeArgs = [] } = {}) {
  if (!existsSync(path.join(serverDir, '.next', 'BUILD_ID'))) {
    throw new Error('No production build: run `pnpm build` at the root first.')
  }
  const port = await freePort()
  const dbFile = path.join(os.tmpdir(), `payload-chat-bench-${Date.now()}-${randomBytes(3).toString('hex')}.db`)
  // 10,000 streams need more than the default 1,024 open files: raise the soft limit to the hard one.
  const command = `ulimit -n "$(ulimit -Hn)"; exec node ${nodeArgs.join(' ')} server.mjs`
  const child = spawn('bash', ['-c', command], {
    cwd: serverDir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOSTNAME: '127.0.0.1',
      NEXT_MANUAL_SIG_HANDLE: 'true',
      NEXT_TELEMETRY_DISABLED: '1',
      ENV_FILE: '/nonexistent',
      PAYLOAD_SECRET: randomBytes(24).toString('hex'),
      DATABASE_URI: `file:${dbFile}`,
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
  let log = ''
  child.stdout.on('data', (d) => (log += d))
  child.stderr.on('data', (d) => (log += d))
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${log}`)
    try {
      const res = await fetch(`${url}/api/users/me`)
      if (res.ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start in 60 s:\n${log}`)
    await new Promise((r) => setTimeout(r, 200))
  }
  return {
    url,
    pid: child.pid,
    log: () => log,
    async stop() {
      child.kill('SIGTERM')
      await new Promise((resolve) => {
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
        child.once('exit', () => (clearTimeout(timer), resolve()))
      })
      for (const suffix of ['', '-wal', '-shm']) rmSync(dbFile + suffix, { force: true })
    },
  }
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
