import { act, cleanup, renderHook } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { FakeEventSource } from '../test/fake-event-source'
import { useEventSource, withLastEventId } from './use-event-source'

const latest = () => FakeEventSource.instances[FakeEventSource.instances.length - 1]

describe('useEventSource', () => {
  beforeEach(() => {
    FakeEventSource.instances = []
    vi.stubGlobal('EventSource', FakeEventSource)
    vi.useFakeTimers()
  })
  afterEach(() => {
    cleanup()
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  it('adds lastEventId to a URL', () => {
    expect(withLastEventId('/s', null)).toBe('/s')
    expect(withLastEventId('/s', '42')).toBe('/s?lastEventId=42')
    expect(withLastEventId('/s?a=1', '42')).toBe('/s?a=1&lastEventId=42')
  })

  it('delivers named events, reports its state, and resumes from the last id when the browser gave up', async () => {
    const seen: string[] = []
    const onClosed = vi.fn(async () => true)
    const { result } = renderHook(() =>
      useEventSource({ url: '/api/messages/sse', handlers: { 'message.created': (data) => void seen.push(data) }, onClosed }),
    )
    expect(result.current.status).toBe('connecting')
    act(() => latest().open())
    expect(result.current.status).toBe('open')
    act(() => latest().emit('message.created', 'a', '7'))
    act(() => latest().emit('message.created', 'b', '8'))
    expect(seen).toEqual(['a', 'b'])

    act(() => latest().fail(false)) // the browser reconnects by itself
    expect(result.current.status).toBe('reconnecting')
    expect(FakeEventSource.instances).toHaveLength(1)

    await act(async () => latest().fail(true)) // e.g. a 502 while the server restarts
    expect(onClosed).toHaveBeenCalledTimes(1)
    await act(async () => vi.advanceTimersByTime(1000))
    expect(FakeEventSource.instances).toHaveLength(2)
    expect(latest().url).toBe('/api/messages/sse?lastEventId=8')
    act(() => latest().open())
    expect(result.current.status).toBe('open')
  })

  it('stays closed when told to (logged out)', async () => {
    const { result } = renderHook(() => useEventSource({ url: '/sse', handlers: {}, onClosed: () => false }))
    await act(async () => latest().fail(true))
    await act(async () => vi.advanceTimersByTime(60_000))
    expect(FakeEventSource.instances).toHaveLength(1)
    expect(result.current.status).toBe('closed')
  })

  it('opens nothing without a url, and starts over as connecting on a new one', () => {
    const { result, rerender } = renderHook(({ url }) => useEventSource({ url, handlers: {} }), {
      initialProps: { url: null as string | null },
    })
    expect(result.current.status).toBe('closed')
    expect(FakeEventSource.instances).toHaveLength(0)
    rerender({ url: '/a' })
    act(() => latest().open())
    expect(result.current.status).toBe('open')
    rerender({ url: '/b' })
    expect(result.current.status).toBe('connecting')
    expect(latest().url).toBe('/b')
  })

  it('reconnects at once when the browser comes back online', () => {
    renderHook(() => useEventSource({ url: '/sse', handlers: { ready: () => {} } }))
    act(() => latest().emit('ready', '{}', '5'))
    act(() => latest().fail(false))
    act(() => window.dispatchEvent(new Event('online')))
    expect(FakeEventSource.instances).toHaveLength(2)
    expect(latest().url).toBe('/sse?lastEventId=5')
  })

  // Review finding 9: without Web Locks every tab leads alone and knows only itself.
  it('says the stream is not shared where the browser has a channel but no Web Locks', () => {
    const posted: unknown[] = []
    class RecordingChannel {
      onmessage: unknown = null
      postMessage = (message: unknown) => void posted.push(message)
      close() {}
    }
    vi.stubGlobal('BroadcastChannel', RecordingChannel)
    vi.stubGlobal('navigator', { ...navigator, locks: undefined })
    const { result } = renderHook(() => useEventSource({ url: '/sse', handlers: { ready: () => {} }, share: 'user:1' }))
    act(() => latest().emit('ready', '{}', '5'))
    expect([result.current.leader, result.current.shared]).toEqual([true, false])
    expect(posted).toEqual([]) // nobody relays to
  })

  it('says the stream is shared where the browser has Web Locks and a channel', () => {
    class SilentChannel {
      onmessage: unknown = null
      postMessage() {}
      close() {}
    }
    vi.stubGlobal('BroadcastChannel', SilentChannel)
    vi.stubGlobal('navigator', { ...navigator, locks: { request: (_name: string, _options: unknown, hold: () => Promise<void>) => (hold(), new Promise(() => {})) } })
    const { result } = renderHook(() => useEventSource({ url: '/sse', handlers: {}, share: 'user:1' }))
    expect([result.current.leader, result.current.shared]).toEqual([true, true])
  })
})
