// A throwaway PostgreSQL cluster for the tests: real PostgreSQL (never PGlite), in a temporary
// folder, on a loopback port, as the `postgres` user (PostgreSQL refuses to run as root). One
// cluster per test run (./postgres-global-setup.ts starts it once and stops it at the end); one
// database per test file (createTestDatabase), like test-env.ts gives each file its own SQLite file.
// TEST_POSTGRES_URL (a server URL, e.g. postgres://postgres@127.0.0.1:5432/postgres) uses a running
// server instead of starting one.
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'

// The newest installed server's binaries (Debian: /usr/lib/postgresql/<major>/bin).
export function postgresBin(): string | null {
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return null
  const majors = readdirSync(root)
    .filter((name) => existsSync(path.join(root, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a))
  return majors.length ? path.join(root, majors[0]!, 'bin') : null
}

export const postgresAvailable = () => Boolean(process.env.TEST_POSTGRES_URL) || postgresBin() !== null

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

// Runs a server binary as `postgres` when we are root (as ourselves otherwise).
function runAsPostgres(bin: string, args: string[]): void {
  const quoted = [bin, ...args].map((arg) => `'${arg.replaceAll("'", `'\\''`)}'`).join(' ')
  if (process.getuid?.() === 0) execFileSync('su', ['postgres', '-c', quoted], { stdio: 'pipe' })
  else execFileSync(bin, args, { stdio: 'pipe' })
}

export interface Cluster {
  // A URL of the server (its `postgres` database); createTestDatabase makes one per file.
  url: string
  stop(): void
}

export async function startCluster(): Promise<Cluster> {
  const bin = postgresBin()
  if (!bin) throw new Error('PostgreSQL is not installed (/usr/lib/postgresql/*/bin/initdb): apt-get install -y postgresql, or set TEST_POSTGRES_URL')
  const dir = mkdtempSync(path.join(os.tmpdir(), 'payload-chat-pg-'))
  chmodSync(dir, 0o700)
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim())
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim())
    chownSync(dir, uid, gid)
  }
  const data = path.join(dir, 'data')
  const port = await freePort()
  runAsPostgres(path.join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C'])
  // fsync off: a test cluster is thrown away, and two cores are shared by many test runs.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`
  runAsPostgres(path.join(bin, 'pg_ctl'), ['-D', data, '-o', options, '-l', path.join(dir, 'log'), 'start', '-w', '-t', '60'])
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        runAsPostgres(path.join(bin, 'pg_ctl'), ['-D', data, 'stop', '-m', 'immediate', '-w'])
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
  }
}

// A fresh, empty database on the server at `serverUrl`; returns its URL.
export async function createTestDatabase(serverUrl: string, prefix = 'chat_test'): Promise<string> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`
  const client = new pg.Client({ connectionString: serverUrl })
  await client.connect()
  try {
    await client.query(`CREATE DATABASE ${name}`)
  } finally {
    await client.end()
  }
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return url.toString()
}
