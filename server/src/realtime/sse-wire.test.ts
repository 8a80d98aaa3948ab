import { describe, expect, it } from 'vitest'

import {
  encodeComment,
  encodeEphemeral,
  encodeEvent,
  encodeFrame,
  encodeHeartbeat,
  encodeReady,
  encodeReset,
  encodeRetry,
  parseCursor,
} from './sse-wire'

describe('encodeFrame', () => {
  it('writes retry, event, id and data in order, ending with a blank line', () => {
    expect(encodeFrame({ retry: 2000, event: 'ready', id: 7, data: '{"cursor":"7"}' })).toBe(
      'retry: 2000\nevent: ready\nid: 7\ndata: {"cursor":"7"}\n\n',
    )
  })

  it('splits a multi-line payload into data lines', () => {
    expect(encodeFrame({ data: 'a\nb\r\nc' })).toBe('data: a\ndata: b\ndata: c\n\n')
  })

  it('omits absent fields', () => {
    expect(encodeFrame({ event: 'reset' })).toBe('event: reset\n\n')
  })
})

describe('encodeComment', () => {
  it('is a single comment line that cannot break out into a field', () => {
    expect(encodeComment('ping\ndata: x')).toBe(': ping data: x\n\n')
  })
})

describe('parseCursor', () => {
  it('treats absent and empty as start-from-now', () => {
    expect(parseCursor(null)).toEqual({ ok: true, cursor: null })
    expect(parseCursor('')).toEqual({ ok: true, cursor: null })
    // Whitespace only is empty too (a proxy or client that pads the header), not a malformed id.
    expect(parseCursor('  ')).toEqual({ ok: true, cursor: null })
  })

  it('accepts non-negative integers', () => {
    expect(parseCursor('0')).toEqual({ ok: true, cursor: 0 })
    expect(parseCursor(' 42 ')).toEqual({ ok: true, cursor: 42 })
  })

  it('rejects anything else', () => {
    for (const bad of ['-1', '1.5', 'abc', '1e3', '12abc', '9'.repeat(16)]) {
      expect(parseCursor(bad)).toEqual({ ok: false })
    }
  })
})

describe("the stream's frames, byte for byte", () => {
  const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes)

  it('encodes each frame the stream sends', () => {
    expect(text(encodeEvent({ id: 9, type: 'message.deleted', audience: ['user:1'], data: { id: 3, sender: 1, receiver: 2, room: null, by: 'sender' } }))).toBe(
      'event: message.deleted\nid: 9\ndata: {"id":3,"sender":1,"receiver":2,"room":null,"by":"sender"}\n\n',
    )
    expect(text(encodeReady({ retryMs: 2000, id: 4, latest: 9, user: 3 }))).toBe('retry: 2000\nevent: ready\nid: 4\ndata: {"cursor":"9","user":3}\n\n')
    expect(text(encodeReady({ retryMs: 2000, id: undefined, latest: 9, user: 3 }))).toBe('retry: 2000\nevent: ready\ndata: {"cursor":"9","user":3}\n\n')
    expect(text(encodeReset({ latest: 9, reason: 'pruned' }))).toBe('event: reset\nid: 9\ndata: {"cursor":"9","reason":"pruned"}\n\n')
    expect(text(encodeRetry(1500))).toBe('retry: 1500\n\n')
    expect(text(encodeHeartbeat())).toBe(': ping\n\n')
  })
})

describe('encodeEphemeral', () => {
  it('writes the event and its data without an id line, so the resume cursor never moves', () => {
    const text = new TextDecoder().decode(encodeEphemeral('typing', { user: 2, receiver: 3, room: null }))
    expect(text).toBe('event: typing\ndata: {"user":2,"receiver":3,"room":null}\n\n')
  })
})
