import { describe, expect, it } from 'vitest'

import { HeldEphemeral } from './held-ephemeral'

const frame = (text: string) => new TextEncoder().encode(text)
const texts = (frames: Uint8Array[]) => frames.map((f) => new TextDecoder().decode(f))

describe('HeldEphemeral', () => {
  it('keeps the latest frame per key, in the order of their last change, and forgets them when taken', () => {
    const held = new HeldEphemeral(1024)
    held.hold('presence:1', frame('1 online'))
    held.hold('presence:2', frame('2 online'))
    held.hold('presence:1', frame('1 away'))
    expect(texts(held.take())).toEqual(['2 online', '1 away'])
    expect(held.take()).toEqual([])
  })

  it('stays within its byte bound by letting the oldest go', () => {
    const held = new HeldEphemeral(20)
    for (let user = 1; user <= 5; user++) held.hold(`presence:${user}`, frame(`user ${user}!`))
    expect(texts(held.take())).toEqual(['user 4!', 'user 5!'])
    held.hold('presence:1', frame('x'.repeat(30)))
    expect(held.size).toBe(0)
  })

  it('keeps frames that fill its bound exactly, counting a replaced frame once', () => {
    const held = new HeldEphemeral(14)
    held.hold('presence:1', frame('user 1!'))
    // Replaced many times: only the latest counts against the bound.
    for (let i = 0; i < 5; i++) held.hold('presence:2', frame(`user ${i}!`))
    expect(texts(held.take())).toEqual(['user 1!', 'user 4!'])
    // Taken: the bound is free again.
    held.hold('presence:3', frame('user 3!'))
    held.hold('presence:4', frame('user 4!'))
    expect(held.size).toBe(2)
  })
})
