import { afterEach, describe, expect, it, vi } from 'vitest'

import { browserElection } from './browser'

// Review finding 7: the tab gives up after the lock was granted but before its callback ran.
describe('browserElection', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('frees a lock granted to a tab that already gave up, without leading', () => {
    let callback: (() => unknown) | null = null
    // Granted, but the callback runs later (a task away), as in the browser.
    const request = vi.fn((_name: string, _options: unknown, granted: () => unknown) => ((callback = granted), new Promise(() => {})))
    vi.stubGlobal('navigator', { ...navigator, locks: { request } })
    const onLead = vi.fn()
    const resign = browserElection('payload-chat:user:1')!(onLead)
    resign()
    // Web Locks keeps the lock until the callback's promise settles: nothing returned frees it now.
    expect(callback!()).toBeUndefined()
    expect(onLead).not.toHaveBeenCalled()
  })

  it('holds the lock while leading', () => {
    let callback: (() => unknown) | null = null
    const request = vi.fn((_name: string, _options: unknown, granted: () => unknown) => ((callback = granted), new Promise(() => {})))
    vi.stubGlobal('navigator', { ...navigator, locks: { request } })
    const onLead = vi.fn()
    browserElection('payload-chat:user:1')!(onLead)
    expect(callback!()).toBeInstanceOf(Promise)
    expect(onLead).toHaveBeenCalledTimes(1)
  })
})
