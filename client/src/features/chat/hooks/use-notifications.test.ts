import { act, cleanup, renderHook } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { useNotifications } from './use-notifications'

// The browser's Notification permission, changed by "another tab" (the test) at will.
class FakeNotification {
  static permission: NotificationPermission = 'default'
  static requestPermission = vi.fn(async () => (FakeNotification.permission = 'granted'))
}
class FakePermissionStatus extends EventTarget {}

describe('useNotifications', () => {
  let status: FakePermissionStatus
  beforeEach(() => {
    FakeNotification.permission = 'default'
    status = new FakePermissionStatus()
    vi.stubGlobal('Notification', FakeNotification)
    Object.defineProperty(navigator, 'permissions', { configurable: true, value: { query: vi.fn(async () => status) } })
  })
  afterEach(() => {
    cleanup()
    vi.unstubAllGlobals()
    Reflect.deleteProperty(navigator, 'permissions')
  })

  // Review finding 2: enabled in tab 2, tab 1 (the leader) must notice without a reload.
  it('reads the permission when deciding, and follows a change made in another tab', async () => {
    const { result } = renderHook(() => useNotifications())
    await act(async () => {})
    expect(result.current.permission).toBe('default')
    expect(result.current.granted()).toBe(false)

    FakeNotification.permission = 'granted'
    expect(result.current.granted()).toBe(true) // no render needed
    act(() => void status.dispatchEvent(new Event('change')))
    expect(result.current.permission).toBe('granted') // the button goes
    expect(FakeNotification.requestPermission).not.toHaveBeenCalled()
  })
})
