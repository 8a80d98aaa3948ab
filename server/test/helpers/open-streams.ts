// The streams a test file opens, closed after each test; the hub must then be empty again, so a
// stream the server failed to release fails the test that leaked it.
import type { Payload } from 'payload'
import { afterEach, expect, vi } from 'vitest'

import { realtime } from '../../src/realtime/runtime'
import type { TestServer } from './http-server'
import { openStream, type SseConnection } from './sse-client'

// Closes them all now and waits until the hub has released every one.
export async function closeStreams(open: SseConnection[], payload: Payload, { timeout }: { timeout?: number } = {}): Promise<void> {
  for (const s of open.splice(0)) s.close()
  await vi.waitFor(() => expect(realtime(payload).hub.size).toBe(0), { timeout })
}

export function closeStreamsAfterEach(payload: () => Payload): SseConnection[] {
  const open: SseConnection[] = []
  afterEach(() => closeStreams(open, payload()))
  return open
}

type StreamOptions = Omit<NonNullable<Parameters<typeof openStream>[1]>, 'token'>

// `stream` opens one that is closed after the test; `closeAll` closes them earlier, for a test
// that needs the hub empty before it goes on.
export function useStreams(server: () => TestServer) {
  const open = closeStreamsAfterEach(() => server().payload)
  return {
    async stream(token: string, options: StreamOptions = {}): Promise<SseConnection> {
      const connection = await openStream(server().url, { token, ...options })
      open.push(connection)
      return connection
    },
    closeAll: () => closeStreams(open, server().payload, { timeout: 5000 }),
  }
}
