// Start-up configuration: secrets, sign-up switch, demo users.
import { getPayload } from 'payload'
import { afterEach, describe, expect, it, vi } from 'vitest'

const saved = { ...process.env }
afterEach(() => {
  process.env = { ...saved }
  vi.resetModules()
})

async function loadEnv(overrides: Record<string, string | undefined>) {
  vi.resetModules()
  Object.assign(process.env, overrides)
  for (const [key, value] of Object.entries(overrides)) if (value === undefined) delete process.env[key]
  return (await import('../../src/env')).env
}

describe('environment', () => {
  it('refuses to start in production without a real PAYLOAD_SECRET', async () => {
    for (const secret of [undefined, '', 'change-me']) {
      await expect(loadEnv({ NODE_ENV: 'production', PAYLOAD_SECRET: secret })).rejects.toThrow(/PAYLOAD_SECRET/)
    }
    expect((await loadEnv({ NODE_ENV: 'production', PAYLOAD_SECRET: 's3cret-value' })).secret).toBe('s3cret-value')
  })

  it('turns demo users off in production unless asked', async () => {
    expect((await loadEnv({ NODE_ENV: 'production', PAYLOAD_SECRET: 'x1', SEED_DEMO_USERS: undefined })).seedDemoUsers).toBe(false)
    expect((await loadEnv({ NODE_ENV: 'production', PAYLOAD_SECRET: 'x1', SEED_DEMO_USERS: 'true' })).seedDemoUsers).toBe(true)
    expect((await loadEnv({ NODE_ENV: 'development', SEED_DEMO_USERS: undefined })).seedDemoUsers).toBe(true)
  })

  it('says which variable is wrong', async () => {
    await expect(loadEnv({ SSE_POLL_INTERVAL_MS: 'soon' })).rejects.toThrow(/SSE_POLL_INTERVAL_MS/)
    await expect(loadEnv({ SIGNUP_ENABLED: 'maybe' })).rejects.toThrow(/SIGNUP_ENABLED/)
    // An empty list would turn Payload's CSRF check off: the cookie accepted from any site.
    await expect(loadEnv({ ALLOWED_ORIGINS: ' , ' })).rejects.toThrow(/ALLOWED_ORIGINS/)
  })

  it('closes sign-up to everyone but admins with SIGNUP_ENABLED=false', async () => {
    await loadEnv({ SIGNUP_ENABLED: 'false' })
    const { signupOpen } = await import('../../src/access/signupOpen')
    expect(await signupOpen({ req: { user: null } } as never)).toBe(false)
    expect(await signupOpen({ req: { user: { role: 'member' } } } as never)).toBe(false)
    expect(await signupOpen({ req: { user: { role: 'admin' } } } as never)).toBe(true)
  })
})

describe('demo users', () => {
  it('are created once, on an empty database, with the README passwords', async () => {
    const config = (await import('../../src/payload.config')).default
    const payload = await getPayload({ config })
    const { DEMO_USERS, seedDemoUsers } = await import('../../src/seed/demoUsers')
    await seedDemoUsers(payload)
    await seedDemoUsers(payload)
    const { docs } = await payload.find({ collection: 'users', overrideAccess: true, sort: 'id' })
    expect(docs.map((u) => [u.email, u.role])).toEqual(DEMO_USERS.map((u) => [u.email, u.role]))
    const login = await payload.login({ collection: 'users', data: { email: 'alice@example.com', password: 'alice-password' } })
    expect(login.token).toBeTruthy()
    // It boots Payload (migrations included) inside the test: slow on a loaded machine, not hung.
  }, 120_000)
})
