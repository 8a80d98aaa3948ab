import { act, cleanup, renderHook } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { FakeEventSource } from '../../../test/fake-event-source'
import { FeedPosition } from '../model/feed-position'
import { makeMessage } from '../model/test-messages'
import type { MessageChange, RoomEvent } from '../model/types'
import { useChatStream } from './use-chat-stream'

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
    const seen: (string | MessageChange | RoomEvent)[] = []
    const listener = {
      ready: () => seen.push('ready'),
      reset: () => seen.push('reset'),
      change: (c: MessageChange) => seen.push(c),
      room: (e: RoomEvent) => seen.push(e),
    }
    renderHook(() => useChatStream(position, listener, vi.fn()))
    expect(stream().url).toBe('/api/messages/sse')

    act(() => stream().emit('ready', '{"cursor":"3"}', '3'))
    act(() => stream().emit('message.created', JSON.stringify(makeMessage(1)), '4'))
    act(() => stream().emit('message.updated', '{not json', '5'))
    expect(position.current).toBe(4)
    act(() => stream().emit('message.deleted', JSON.stringify({ id: 1, sender: 1, receiver: 2, room: null }), '6'))
    const change = { room: { id: 5, name: 'plans' }, user: { id: 2, name: 'Bob' } }
    act(() => stream().emit('room.member.joined', JSON.stringify(change), '7'))
    act(() => stream().emit('room.member.left', JSON.stringify(change), '8'))
    act(() => stream().emit('room.updated', '{"id":5,"name":"q3","topic":null,"visibility":"private"}', '8'))
    act(() => stream().emit('reset', '{"cursor":"9","reason":"backlog"}', '9'))

    expect(seen).toEqual([
      'ready',
      { kind: 'created', message: makeMessage(1), position: 4 },
      { kind: 'deleted', deleted: { id: 1, sender: 1, receiver: 2, room: null }, position: 6 },
      { kind: 'joined', change, position: 7 },
      { kind: 'left', change, position: 8 },
      { kind: 'updated', update: { id: 5, name: 'q3', topic: null, visibility: 'private' }, position: 8 },
      'reset',
    ])
    expect(position.current).toBe(9)
  })

  it('stays closed and reports the log-out when the server says nobody is logged in', async () => {
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ user: null })))
    const onLoggedOut = vi.fn()
    const { result } = renderHook(() => useChatStream(new FeedPosition(), { ready() {}, reset() {}, change() {}, room() {} }, onLoggedOut))
    await act(async () => stream().fail(true))
    await vi.waitFor(() => expect(onLoggedOut).toHaveBeenCalledTimes(1))
    expect(result.current.status).toBe('closed')
  })
})
