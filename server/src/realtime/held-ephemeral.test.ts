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
})
