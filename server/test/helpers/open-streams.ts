// The streams a test file opens, closed after each test; the hub must then be empty again, so a
// stream the server failed to release fails the test that leaked it.
import type { Payload } from 'payload'
import { afterEach, expect, vi } from 'vitest'

import { realtime } from '../../src/realtime/runtime'
import type { SseConnection } from './sse-client'

export function closeStreamsAfterEach(payload: () => Payload): SseConnection[] {
  const open: SseConnection[] = []
  afterEach(async () => {
    for (const s of open.splice(0)) s.close()
    await vi.waitFor(() => expect(realtime(payload()).hub.size).toBe(0))
  })
  return open
}
