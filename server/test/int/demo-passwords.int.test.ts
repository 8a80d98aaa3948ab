// Production never starts with the demo accounts' published passwords (README), unless told to
// by the documented-unsafe UNSAFE_ALLOW_DEMO_PASSWORDS: a server process in production mode on
// a fresh database with the demo users seeded, and the check itself on this file's database.
import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { getPayload, type Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import config from '../../src/payload.config'
import { DEMO_USERS, seedDemoUsers } from '../../src/seed/demoUsers'
import { refuseDemoPasswords } from '../../src/seed/refuseDemoPasswords'
import { spawnServer } from '../helpers/server-process'
import { onPostgres } from '../helpers/test-env'

const productionWithDemoUsers = (extra: Record<string, string> = {}) => ({
  NODE_ENV: 'production',
  SEED_DEMO_USERS: 'true',
  DATABASE_URI: `file:${path.join(os.tmpdir(), 'payload-chat-tests', `${randomUUID()}.db`)}`,
  ...extra,
})

// Server processes on a fresh SQLite file of their own whatever the run's database: the PostgreSQL
// pass would only repeat them; it runs the check itself on PostgreSQL (refuseDemoPasswords below).
describe.skipIf(onPostgres)('a production server with the demo accounts', () => {
  it('refuses to start, saying which accounts and what to do', async () => {
    // A server that starts anyway is stopped, not left running.
    const outcome = await spawnServer(productionWithDemoUsers()).then(
      async (server) => {
        server.child.kill('SIGKILL')
        await server.exited
        return 'started'
      },
      (error: Error) => error.message,
    )
    expect(outcome).toMatch(
      /Refusing to start in production: admin@example\.com, alice@example\.com, bob@example\.com still have the demo passwords.*DATABASE_URI.*UNSAFE_ALLOW_DEMO_PASSWORDS=true/,
    )
  })

  it('starts when UNSAFE_ALLOW_DEMO_PASSWORDS=true, with a warning', async () => {
    const server = await spawnServer(productionWithDemoUsers({ UNSAFE_ALLOW_DEMO_PASSWORDS: 'true' }))
    try {
      expect((await fetch(`${server.url}/api/users/me`)).status).toBe(200)
      expect(server.output()).toMatch(/UNSAFE_ALLOW_DEMO_PASSWORDS=true: admin@example\.com, alice@example\.com, bob@example\.com still have/)
    } finally {
      server.child.kill('SIGKILL')
      await server.exited
    }
  })
})

describe('the default database', () => {
  // env.ts as each mode reads it, with no DATABASE_URI set.
  const defaultDatabase = async (nodeEnv: 'development' | 'production') => {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: nodeEnv }
    delete env.DATABASE_URI
    const script = "const { env } = await import('./src/env.ts'); console.log(env.databaseUrl)"
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env,
    })
    return path.basename(stdout.trim())
  }

  it('is not shared by development and production', async () => {
    expect(await defaultDatabase('development')).toBe('chat-dev.db')
    expect(await defaultDatabase('production')).toBe('chat.db')
  })
})

describe('refuseDemoPasswords', () => {
  let payload: Payload
  beforeAll(async () => {
    payload = await getPayload({ config })
    await seedDemoUsers(payload)
  })
  afterAll(() => payload.destroy())

  it('names only the accounts that still have their demo password', async () => {
    const [admin, alice, bob] = DEMO_USERS
    await expect(refuseDemoPasswords(payload, { allow: false })).rejects.toThrow(/admin@example\.com, alice@example\.com, bob@example\.com/)
    await payload.update({ collection: 'users', where: { email: { equals: alice.email } }, data: { password: 'a-private-password' } })
    await payload.delete({ collection: 'users', where: { email: { equals: bob.email } } })
    await expect(refuseDemoPasswords(payload, { allow: false })).rejects.toThrow(/: admin@example\.com still has the demo password published/)
    await payload.update({ collection: 'users', where: { email: { equals: admin.email } }, data: { password: 'another-private-one' } })
    await expect(refuseDemoPasswords(payload, { allow: false })).resolves.toBeUndefined()
  })
})
