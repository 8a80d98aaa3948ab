import { describe, expect, it } from 'vitest'

import { AudienceIndex } from '../realtime/audience-index'
import { presenceAudience } from './presence-audience'

describe('presenceAudience', () => {
  it("is the user's DM peers and the members of their rooms up to the push bound, never the user", async () => {
    const index = new AudienceIndex()
    const big = Array.from({ length: 6 }, (_, i) => ({ roomId: 1, userId: 100 + i }))
    index.load([...big, { roomId: 1, userId: 7 }, { roomId: 2, userId: 7 }, { roomId: 2, userId: 8 }, { roomId: 3, userId: 9 }])
    const audience = await presenceAudience(7, { dmPeers: async () => new Set([7, 20]), index, roomPushMax: 5 })
    // Room 1 has 7 members, over the bound of 5: none of them; room 3 is not the user's.
    expect([...audience].sort((a, b) => a - b)).toEqual([8, 20])
    const wider = await presenceAudience(7, { dmPeers: async () => new Set(), index, roomPushMax: 7 })
    expect(wider.size).toBe(7)
    expect(wider.has(7)).toBe(false)
  })
})
