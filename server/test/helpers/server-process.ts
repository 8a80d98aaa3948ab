// Runs a server in a child process on the test file's database, with the same environment as the
// test (test-env.ts set it), minus vitest's markers: the child is a server.
// - 'test': test/helpers/serve.ts, the test HTTP server (no build needed);
// - 'production': server.mjs, the production entry point, with the environment `pnpm start` sets
//   (read from package.json, so the test runs what the start script runs). Needs `pnpm build`.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import path from 'node:path'

const serverDir = path.resolve(import.meta.dirname, '../..')
const serveScript = path.resolve(import.meta.dirname, 'serve.ts')

export type ServerEntry = 'test' | 'production'

export interface ServerProcess {
  url: string
  child: ChildProcess
  exited: Promise<number | null>
  output(): string
}

// The variables the start script sets before `node server.mjs` (`cross-env A=1 B=2 node …`).
export function startScriptEnv(): Record<string, string> {
  const { scripts } = JSON.parse(readFileSync(path.join(serverDir, 'package.json'), 'utf8'))
  const start: string = scripts.start
  if (!/\bnode server\.mjs\b/.test(start)) throw new Error(`the start script no longer runs server.mjs: ${start}`)
  return Object.fromEntries([...start.matchAll(/\b([A-Z_]+)=(\S+)/g)].map(([, name, value]) => [name, value]))
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
    probe.on('error', reject)
  })
}

async function command(entry: ServerEntry): Promise<{ args: string[]; env: Record<string, string>; listening: RegExp }> {
  if (entry === 'test') return { args: ['--import', 'tsx', serveScript], env: {}, listening: /\{"url":"([^"]+)"/ }
  if (!existsSync(path.join(serverDir, '.next', 'BUILD_ID'))) throw new Error('No production build: run `pnpm build` at the root first.')
  const env = { ...startScriptEnv(), PORT: String(await freePort()), HOSTNAME: '127.0.0.1', NEXT_TELEMETRY_DISABLED: '1' }
  return { args: ['server.mjs'], env, listening: /Payload Chat ready on (http:\/\/\S+)/ }
}

export async function spawnServer(
  extraEnv: Record<string, string> = {},
  { entry = 'test', startTimeoutMs = 60_000 }: { entry?: ServerEntry; startTimeoutMs?: number } = {},
): Promise<ServerProcess> {
  const { args, env: entryEnv, listening } = await command(entry)
  const env: NodeJS.ProcessEnv = { ...process.env, ...entryEnv, ...extraEnv }
  for (const name of Object.keys(env)) if (name.startsWith('VITEST') || name === 'TEST') delete env[name]
  const child = spawn(process.execPath, args, { cwd: serverDir, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stderr!.on('data', (chunk) => (output += chunk))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), startTimeoutMs)
    let buffer = ''
    child.stdout!.on('data', (chunk) => {
      output += chunk
      buffer += chunk
      const match = buffer.match(listening)
      if (match) {
        clearTimeout(timer)
        resolve(match[1])
      }
    })
    void exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`server exited with ${code} before listening:\n${output}`))
    })
  })
  return { url, child, exited, output: () => output }
}
