// The hub's ephemeral path (presence, typing): the same bytes to the streams of the user keys
// given, nobody else's, with no change id; it counts the streams that wrote them.
import { describe, expect, it } from 'vitest'

import { Hub, type Subscriber } from './hub'

type Kind = 'live' | 'not-live' | 'changes-only'

// A stream that records what it was handed: a live one writes ephemeral bytes, one that is not
// live (catching up) takes them without writing, one without deliverEphemeral takes changes only.
function subscriber(userId: number, kind: Kind = 'live') {
  const got: Array<[string, string | undefined]> = []
  const changes: number[] = []
  const s: Subscriber & { got: typeof got; changes: number[] } = {
    userId,
    audienceKey: `user:${userId}`,
    got,
    changes,
    deliver: (id) => changes.push(id),
    sendHeartbeat: () => {},
    checkStall: () => {},
    end: () => {},
    ...(kind === 'changes-only'
      ? {}
      : {
          deliverEphemeral: (bytes: Uint8Array, holdKey?: string) => {
            got.push([new TextDecoder().decode(bytes), holdKey])
            return kind === 'live'
          },
        }),
  }
  return s
}

const noLifecycle = { onFirstSubscriber: () => {}, onLastSubscriber: () => {} }

describe('Hub.publishEphemeral', () => {
  it("hands the bytes and hold key to every stream of the listed users and to nobody else's", () => {
    const hub = new Hub(noLifecycle, 60_000)
    const [a1, a2, b, c] = [subscriber(1), subscriber(1), subscriber(2), subscriber(3)]
    for (const s of [a1, a2, b, c]) hub.add(s)
    const written = hub.publishEphemeral(['user:1', 'user:2', 'user:9'], new TextEncoder().encode('x'), 'presence:7')
    expect(written).toBe(3)
    expect([a1.got, a2.got, b.got, c.got]).toEqual([[['x', 'presence:7']], [['x', 'presence:7']], [['x', 'presence:7']], []])
    // Not a change: nothing went through the change path.
    expect([a1, a2, b, c].flatMap((s) => s.changes)).toEqual([])
    for (const s of [a1, a2, b, c]) hub.remove(s)
  })

  it('counts only the streams that wrote it: not one that is not live, not one that takes changes only', () => {
    const hub = new Hub(noLifecycle, 60_000)
    const [live, catchingUp, plain] = [subscriber(1), subscriber(1, 'not-live'), subscriber(1, 'changes-only')]
    for (const s of [live, catchingUp, plain]) hub.add(s)
    expect(hub.publishEphemeral(['user:1'], new TextEncoder().encode('y'))).toBe(1)
    expect(live.got).toEqual([['y', undefined]])
    expect(catchingUp.got).toEqual([['y', undefined]])
    expect(plain.got).toEqual([])
    expect([live, catchingUp, plain].flatMap((s) => s.changes)).toEqual([])
    for (const s of [live, catchingUp, plain]) hub.remove(s)
  })
})
