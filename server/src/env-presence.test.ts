// env.ts refuses presence times under which live processes count as dead between their beats.
import { afterEach, describe, expect, it, vi } from 'vitest'

afterEach(() => vi.unstubAllEnvs())

async function loadEnv(heartbeatMs: string, expiryMs: string) {
  vi.stubEnv('PRESENCE_HEARTBEAT_MS', heartbeatMs)
  vi.stubEnv('PRESENCE_EXPIRY_MS', expiryMs)
  vi.resetModules()
  return (await import('./env')).env
}

describe('presence times', () => {
  it('rejects an expiry of two beats or less, with a clear message', async () => {
    await expect(loadEnv('10000', '5000')).rejects.toThrow('PRESENCE_EXPIRY_MS (5000) must be more than twice PRESENCE_HEARTBEAT_MS (10000)')
    await expect(loadEnv('2000', '4000')).rejects.toThrow('must be more than twice')
  })

  it('accepts an expiry of more than two beats', async () => {
    expect((await loadEnv('2000', '4001')).presence).toMatchObject({ heartbeatMs: 2000, expiryMs: 4001 })
  })
})
