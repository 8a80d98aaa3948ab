import { act, cleanup, renderHook } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { FakeEventSource } from '../../../test/fake-event-source'
import { FeedPosition } from '../model/feed-position'
import { makeMessage } from '../model/test-messages'
import type { MessageChange, RoomEvent } from '../model/types'
import { useChatStream } from './use-chat-stream'

const noListener = () => ({ ready: vi.fn(), reset: vi.fn(), change: vi.fn(), reactions: vi.fn(), room: vi.fn(), read: vi.fn(), presence: vi.fn(), typing: vi.fn() })
const stream = () => FakeEventSource.instances[FakeEventSource.instances.length - 1]

describe('useChatStream', () => {
  beforeEach(() => {
    FakeEventSource.instances = []
    vi.stubGlobal('EventSource', FakeEventSource)
  })
  afterEach(() => {
    cleanup()
    vi.unstubAllGlobals()
  })

  it('decodes each event for the listener and moves the feed position, but not for data it could not decode', () => {
    const position = new FeedPosition()
    const seen: unknown[] = []
    const listener = {
      ready: () => seen.push('ready'),
      reset: () => seen.push('reset'),
      change: (c: MessageChange) => seen.push(c),
      reactions: (r: unknown, at: number) => seen.push({ reactions: r, at }),
      room: (e: RoomEvent) => seen.push(e),
      read: (r: unknown) => seen.push({ read: r }),
      presence: (p: unknown) => seen.push({ presence: p }),
      typing: (t: unknown) => seen.push({ typing: t }),
    }
    renderHook(() => useChatStream(1, position, listener, vi.fn()))
    expect(stream().url).toBe('/api/messages/sse')

    act(() => stream().emit('ready', '{"cursor":"3","user":1}', '3'))
    act(() => stream().emit('message.created', JSON.stringify(makeMessage(1)), '4'))
    act(() => stream().emit('message.updated', '{not json', '5'))
    expect(position.current).toBe(4)
    act(() => stream().emit('message.deleted', JSON.stringify({ id: 1, sender: 1, receiver: 2, room: null }), '6'))
    const change = { room: { id: 5, name: 'plans' }, user: { id: 2, name: 'Bob' } }
    act(() => stream().emit('room.member.joined', JSON.stringify(change), '7'))
    act(() => stream().emit('room.member.left', JSON.stringify(change), '8'))
    act(() => stream().emit('room.updated', '{"id":5,"name":"q3","topic":null,"visibility":"private"}', '9'))
    act(() => stream().emit('read', '{"peer":2,"lastReadId":4}', '10'))
    expect(position.current).toBe(10)
    const reactions = { id: 1, sender: 1, receiver: 2, room: null, reactions: [{ emoji: '👍', users: [2] }] }
    act(() => stream().emit('message.reactions', JSON.stringify(reactions), '11'))
    act(() => stream().emit('message.reactions', '{not json', '12'))
    expect(position.current).toBe(11)
    // Ephemeral events have no id: the position stays.
    act(() => stream().emit('presence', '{"user":2,"status":"away","lastSeen":null}'))
    act(() => stream().emit('typing', '{"user":2,"receiver":1,"room":null}'))
    act(() => stream().emit('reset', '{"cursor":"13","reason":"backlog"}', '13'))

    expect(seen).toEqual([
      'ready',
      { kind: 'created', message: makeMessage(1), position: 4 },
      { kind: 'deleted', deleted: { id: 1, sender: 1, receiver: 2, room: null }, position: 6 },
      { kind: 'joined', change, position: 7 },
      { kind: 'left', change, position: 8 },
      { kind: 'updated', update: { id: 5, name: 'q3', topic: null, visibility: 'private' }, position: 9 },
      { read: { peer: 2, lastReadId: 4 } },
      { reactions, at: 11 },
      { presence: { user: 2, status: 'away', lastSeen: null } },
      { typing: { user: 2, receiver: 1, room: null } },
      'reset',
    ])
    expect(position.current).toBe(13)
  })

  it('stays closed and reports the log-out when the server says nobody is logged in', async () => {
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ user: null })))
    const onLoggedOut = vi.fn()
    const { result } = renderHook(() => useChatStream(1, new FeedPosition(), noListener(), onLoggedOut))
    await act(async () => stream().fail(true))
    await vi.waitFor(() => expect(onLoggedOut).toHaveBeenCalledTimes(1))
    expect(result.current.status).toBe('closed')
  })

  // Review finding 5: user 1 logged out in another tab and user 2 logged in; this tab still shows 1.
  it('is logged out, closed and applies nothing when the stream is another user\'s', () => {
    const onLoggedOut = vi.fn()
    const listener = noListener()
    const position = new FeedPosition()
    const { result } = renderHook(() => useChatStream(1, position, listener, onLoggedOut))
    act(() => stream().open())
    act(() => stream().emit('ready', '{"cursor":"3","user":2}', '3'))
    act(() => stream().emit('message.created', JSON.stringify(makeMessage(1)), '4'))
    expect(onLoggedOut).toHaveBeenCalledTimes(1)
    expect(listener.ready).not.toHaveBeenCalled()
    expect(listener.change).not.toHaveBeenCalled()
    expect(position.current).toBe(0)
    expect(result.current.status).toBe('closed')
    expect(FakeEventSource.instances.map((s) => s.readyState)).toEqual([FakeEventSource.CLOSED])
  })

  it('stays closed and reports the log-out when the server answers that someone else is logged in', async () => {
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ user: { id: 2, name: 'Bob', email: 'bob@example.com' } })))
    const onLoggedOut = vi.fn()
    const { result } = renderHook(() => useChatStream(1, new FeedPosition(), noListener(), onLoggedOut))
    await act(async () => stream().fail(true))
    await vi.waitFor(() => expect(onLoggedOut).toHaveBeenCalledTimes(1))
    expect(result.current.status).toBe('closed')
    expect(FakeEventSource.instances).toHaveLength(1)
  })

  it('reopens the stream when the server answers that this user is still logged in', async () => {
    vi.useFakeTimers()
    try {
      vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ user: { id: 1, name: 'Alice', email: 'alice@example.com' } })))
      const onLoggedOut = vi.fn()
      renderHook(() => useChatStream(1, new FeedPosition(), noListener(), onLoggedOut))
      await act(async () => stream().fail(true))
      await act(async () => vi.runOnlyPendingTimersAsync())
      expect(FakeEventSource.instances).toHaveLength(2)
      expect(onLoggedOut).not.toHaveBeenCalled()
    } finally {
      vi.useRealTimers()
    }
  })
})
