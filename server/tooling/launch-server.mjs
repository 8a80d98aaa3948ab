// The one way our tools start a server in a child process: the e2e harness (client/e2e), the
// benchmark (bench/) and the tests that need a real process (test/helpers/server-process.ts).
// Plain .mjs with types beside it (launch-server.d.mts), so the benchmark imports it without a
// build and the client's e2e imports it by path (it already runs server files by path).
// - launchProductionServer: server.mjs over the `next build` output, with the environment the
//   start script sets, on a free port and a fresh SQLite file unless told otherwise;
// - launchProcess: any node entry that prints the address it listens on (the test server).
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

export const serverDir = path.resolve(import.meta.dirname, '..')

export function freePort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', reject)
    probe.listen(0, host, () => {
      const { port } = probe.address()
      probe.close(() => resolve(port))
    })
  })
}

// The variables the start script sets before `node server.mjs` (`cross-env A=1 B=2 node …`), read
// from package.json so that what we launch is what `pnpm start` runs.
export function startScriptEnv() {
  const { scripts } = JSON.parse(readFileSync(path.join(serverDir, 'package.json'), 'utf8'))
  const start = scripts.start
  if (!/\bnode server\.mjs\b/.test(start)) throw new Error(`the start script no longer runs server.mjs: ${start}`)
  return Object.fromEntries([...start.matchAll(/\b([A-Z_]+)=(\S+)/g)].map(([, name, value]) => [name, value]))
}

export function assertProductionBuild() {
  const built = ['.next/BUILD_ID', 'public/index.html'].every((file) => existsSync(path.join(serverDir, file)))
  if (!built) throw new Error('No production build: run `pnpm build` at the repository root first.')
}

export const removeDatabase = (file) => {
  // With the rate limits' side file (RATE_LIMIT_STORE=database).
  for (const suffix of ['', '-wal', '-shm', '-limits', '-limits-wal', '-limits-shm']) rmSync(file + suffix, { force: true })
}

// The child is a server, not a test: it must not take the test runner's markers for its own
// (payload.config.ts skips the shutdown handler under VITEST). `undefined` removes a variable.
function childEnv(env) {
  const merged = { ...process.env, ...env }
  for (const name of Object.keys(merged)) {
    if (name.startsWith('VITEST') || name === 'TEST' || merged[name] === undefined) delete merged[name]
  }
  return merged
}

export async function launchProcess({ args, env = {}, ready, url: urlFor = (match) => match[1], nodeArgs = [], raiseOpenFileLimit = false, startTimeoutMs = 90_000, onStop = () => {} }) {
  const node = [...nodeArgs, ...args]
  // Thousands of streams need more than the default 1,024 open files: the soft limit goes up to
  // the hard one, then bash becomes node (same pid).
  const child = raiseOpenFileLimit
    ? spawn('bash', ['-c', 'ulimit -n "$(ulimit -Hn)"; exec "$0" "$@"', process.execPath, ...node], { cwd: serverDir, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(process.execPath, node, { cwd: serverDir, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  let stdout = ''
  child.stderr.on('data', (chunk) => (output += chunk))
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)))
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in ${startTimeoutMs} ms:\n${output}`)), startTimeoutMs)
    child.stdout.on('data', (chunk) => {
      output += chunk
      stdout += chunk
      const match = stdout.match(ready)
      if (match) {
        clearTimeout(timer)
        resolve(urlFor(match))
      }
    })
    void exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`server exited with ${code} before listening:\n${output}`))
    })
  }).catch((error) => {
    child.kill('SIGKILL')
    onStop()
    throw error
  })
  const kill = async (signal = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal)
    return exited
  }
  return {
    url,
    pid: child.pid,
    child,
    exited,
    output: () => output,
    kill,
    // SIGTERM, the way a supervisor stops it; SIGKILL if it has not exited 10 s later.
    async stop() {
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await kill('SIGTERM')
      clearTimeout(timer)
      onStop()
    },
  }
}

// A host name is listened on as 127.0.0.1; an address as itself (loopback only: 127.0.0.2 works).
const listenAddress = (host) => (net.isIP(host) ? host : '127.0.0.1')

export async function launchProductionServer({ host = '127.0.0.1', port, databaseFile, env = {}, ...rest } = {}) {
  assertProductionBuild()
  const freshDatabase = !databaseFile
  const file = databaseFile ?? path.join(os.tmpdir(), `payload-chat-${Date.now()}-${randomBytes(4).toString('hex')}.db`)
  const listenOn = listenAddress(host)
  const actualPort = port ?? (await freePort(listenOn))
  const server = await launchProcess({
    ...rest,
    args: ['server.mjs'],
    env: {
      ...startScriptEnv(),
      PORT: String(actualPort),
      HOSTNAME: listenOn,
      NEXT_TELEMETRY_DISABLED: '1',
      DATABASE_URI: `file:${file}`,
      ...env,
    },
    // server.mjs prints it once Payload has booted and answered its first request.
    ready: /Payload Chat ready on http:\/\/\S+/,
    url: () => `http://${host}:${actualPort}`,
    onStop: () => freshDatabase && removeDatabase(file),
  })
  return { ...server, port: actualPort, databaseFile: file }
}
