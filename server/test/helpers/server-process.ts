// Runs test/helpers/serve.ts in a child process on the test file's database, with the same
// environment as the test (test-env.ts set it), minus vitest's markers: the child is a server.
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'

const serveScript = path.resolve(import.meta.dirname, 'serve.ts')

export interface ServerProcess {
  url: string
  child: ChildProcess
  exited: Promise<number | null>
  output(): string
}

export async function spawnServer(extraEnv: Record<string, string> = {}, startTimeoutMs = 60_000): Promise<ServerProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extraEnv }
  for (const name of Object.keys(env)) if (name.startsWith('VITEST') || name === 'TEST') delete env[name]
  const child = spawn(process.execPath, ['--import', 'tsx', serveScript], {
    cwd: path.resolve(import.meta.dirname, '../..'),
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stderr!.on('data', (chunk) => (output += chunk))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), startTimeoutMs)
    let buffer = ''
    child.stdout!.on('data', (chunk) => {
      output += chunk
      buffer += chunk
      const match = buffer.match(/\{"url":"([^"]+)"/)
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
