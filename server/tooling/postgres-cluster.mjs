// A throwaway PostgreSQL cluster: real PostgreSQL in a temporary folder, on a loopback port, as the
// `postgres` user (PostgreSQL refuses to run as root). Shared by the tests (test/helpers/postgres.ts:
// one cluster per run, one database per file) and the benchmark (bench/: one cluster per bench, one
// database per run). Plain .mjs with types beside it (postgres-cluster.d.mts), like launch-server.mjs,
// so the benchmark imports it without a build.
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'

import { freePort } from './launch-server.mjs'

// The newest installed server's binaries (Debian: /usr/lib/postgresql/<major>/bin), or null.
export function postgresBin() {
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return null
  const majors = readdirSync(root)
    .filter((name) => existsSync(path.join(root, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a))
  return majors.length ? path.join(root, majors[0], 'bin') : null
}

// Runs a server binary as `postgres` when we are root (as ourselves otherwise).
function runAsPostgres(bin, args) {
  const quoted = [bin, ...args].map((arg) => `'${arg.replaceAll("'", `'\\''`)}'`).join(' ')
  if (process.getuid?.() === 0) execFileSync('su', ['postgres', '-c', quoted], { stdio: 'pipe' })
  else execFileSync(bin, args, { stdio: 'pipe' })
}

// `durable: false` (the tests): fsync and synchronous commit off, the cluster is thrown away and
// two cores are shared by many test runs. `durable: true` (the bench): PostgreSQL's defaults, so
// that a commit costs what it costs in production and the figures mean something.
export async function startCluster({ durable = false, maxConnections = 200 } = {}) {
  const bin = postgresBin()
  if (!bin) throw new Error('PostgreSQL is not installed (/usr/lib/postgresql/*/bin/initdb): apt-get install -y postgresql, or give a running server\'s URL')
  const dir = mkdtempSync(path.join(os.tmpdir(), 'payload-chat-pg-'))
  const remove = () => rmSync(dir, { recursive: true, force: true })
  const data = path.join(dir, 'data')
  try {
    chmodSync(dir, 0o700)
    if (process.getuid?.() === 0) {
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim())
      const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim())
      chownSync(dir, uid, gid)
    }
    const port = await freePort()
    runAsPostgres(path.join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C'])
    const speed = durable ? '' : ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off'
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=${maxConnections}${speed}`
    runAsPostgres(path.join(bin, 'pg_ctl'), ['-D', data, '-o', options, '-l', path.join(dir, 'log'), 'start', '-w', '-t', '60'])
    let stopped = false
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      stop() {
        if (stopped) return
        stopped = true
        try {
          runAsPostgres(path.join(bin, 'pg_ctl'), ['-D', data, 'stop', '-m', 'immediate', '-w'])
        } finally {
          remove()
        }
      },
    }
  } catch (error) {
    remove()
    throw error
  }
}

// A fresh, empty database on the server at `serverUrl`; returns its URL.
export async function createDatabase(serverUrl, prefix = 'chat_test') {
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
