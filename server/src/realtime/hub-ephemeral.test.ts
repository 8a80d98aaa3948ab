// The hub's ephemeral path (presence, typing): the same bytes to the streams of the user keys
// given, nobody else's, with no change id.
import { describe, expect, it } from 'vitest'

import { Hub, type Subscriber } from './hub'

function subscriber(userId: number, withEphemeral = true) {
  const got: string[] = []
  const changes: number[] = []
  const s: Subscriber & { got: string[]; changes: number[] } = {
    userId,
    audienceKey: `user:${userId}`,
    got,
    changes,
    deliver: (id) => changes.push(id),
    sendHeartbeat: () => {},
    checkStall: () => {},
    end: () => {},
    ...(withEphemeral ? { deliverEphemeral: (bytes: Uint8Array) => got.push(new TextDecoder().decode(bytes)) } : {}),
  }
  return s
}

const noLifecycle = { onFirstSubscriber: () => {}, onLastSubscriber: () => {} }

describe('Hub.publishEphemeral', () => {
  it("hands the bytes to every stream of the listed users and to nobody else's", () => {
    const hub = new Hub(noLifecycle, 60_000)
    const [a1, a2, b, c] = [subscriber(1), subscriber(1), subscriber(2), subscriber(3)]
    for (const s of [a1, a2, b, c]) hub.add(s)
    const handed = hub.publishEphemeral(['user:1', 'user:2', 'user:9'], new TextEncoder().encode('x'))
    expect(handed).toBe(3)
    expect([a1.got, a2.got, b.got, c.got]).toEqual([['x'], ['x'], ['x'], []])
    // Not a change: nothing went through the change path.
    expect([a1, a2, b, c].flatMap((s) => s.changes)).toEqual([])
    for (const s of [a1, a2, b, c]) hub.remove(s)
  })

  it('skips a subscriber that takes changes only', () => {
    const hub = new Hub(noLifecycle, 60_000)
    const plain = subscriber(1, false)
    hub.add(plain)
    expect(() => hub.publishEphemeral(['user:1'], new Uint8Array([1]))).not.toThrow()
    hub.remove(plain)
  })
})
