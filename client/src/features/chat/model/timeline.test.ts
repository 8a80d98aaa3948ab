import { describe, expect, it } from 'vitest'

import { buildTimeline, dayLabel } from './timeline'
import type { ChatItem } from './types'

const item = (id: number, timestamp: string): ChatItem => ({
  key: `m:${id}`,
  id,
  tempId: null,
  senderId: 1,
  senderName: 'Alice',
  receiverId: 2,
  roomId: null,
  mentions: [],
  mentionsRoom: false,
  attachments: [],
  content: 'x',
  timestamp,
  editedAt: null,
  editedByModerator: false,
  position: 0,
  status: 'confirmed',
})

describe('timeline', () => {
  const now = new Date(2026, 4, 10, 15, 0)

  it('labels today and yesterday, else a date', () => {
    expect(dayLabel(new Date(2026, 4, 10, 1, 0), now)).toBe('Today')
    expect(dayLabel(new Date(2026, 4, 9, 23, 0), now)).toBe('Yesterday')
    expect(dayLabel(new Date(2026, 4, 1, 12, 0), now, 'en-US')).toBe('Friday, May 1')
    expect(dayLabel(new Date(2025, 4, 1, 12, 0), now, 'en-US')).toBe('Thursday, May 1, 2025')
  })

  it('puts one separator before the first message of each day', () => {
    const rows = buildTimeline(
      [
        item(1, new Date(2026, 4, 9, 10).toISOString()),
        item(2, new Date(2026, 4, 9, 11).toISOString()),
        item(3, new Date(2026, 4, 10, 9).toISOString()),
      ],
      now,
    )
    expect(rows.map((r) => (r.kind === 'day' ? r.label : r.item.id))).toEqual(['Yesterday', 1, 2, 'Today', 3])
  })
})
