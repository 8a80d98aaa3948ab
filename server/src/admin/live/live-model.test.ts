import { describe, expect, it } from 'vitest'

import type { StreamMessage } from '../../protocol'
import { applyLiveEvent, applyReportChange, choicesOf, conversationOf, type LiveItem, matchesFilter, MAX_SHOWN } from './live-model'

const alice = { id: 1, name: 'Alice' }
const bob = { id: 2, name: 'Bob' }
const carol = { id: 3, name: 'Carol' }
const room = { id: 7, name: 'general' }

const message = (id: number, over: Partial<StreamMessage> = {}): StreamMessage => ({
  id,
  sender: alice,
  receiver: bob,
  room: null,
  content: `m${id}`,
  mentions: [],
  mentionsRoom: false,
  editedByModerator: false,
  replyTo: null,
  replyQuote: null,
  reactions: [],
  attachments: [],
  updatedAt: '2026-11-29T20:00:00.000Z',
  createdAt: '2026-11-29T20:00:00.000Z',
  ...over,
})

const created = (m: StreamMessage) => ({ type: 'message.created' as const, data: m })

describe('the live view model', () => {
  it('shows new messages newest first, an edit in place, a removal marked with who removed it', () => {
    let items: LiveItem[] = []
    items = applyLiveEvent(items, created(message(1)))
    items = applyLiveEvent(items, created(message(2, { room, receiver: null, sender: carol })))
    items = applyLiveEvent(items, { type: 'message.updated', data: message(1, { content: 'edited', editedByModerator: true }) })
    items = applyLiveEvent(items, { type: 'message.deleted', data: { id: 2, sender: 3, receiver: null, room: 7, by: 'moderator' } })
    items = applyLiveEvent(items, { type: 'message.deleted', data: { id: 99, sender: 3, receiver: 1, room: null, by: 'sender' } })
    expect(items.map((i) => [i.message.id, i.message.content, i.message.editedByModerator, i.removedBy])).toEqual([
      [2, 'm2', false, 'moderator'],
      [1, 'edited', true, null],
    ])
  })

  it('keeps a shown message\'s reactions current in place, and shows nothing for a message not shown', () => {
    let items = applyLiveEvent(applyLiveEvent([], created(message(1))), created(message(2)))
    const reactions = [{ emoji: '👍', users: [1, 2] }]
    items = applyLiveEvent(items, { type: 'message.reactions', data: { id: 1, sender: 1, receiver: 2, room: null, reactions } })
    items = applyLiveEvent(items, { type: 'message.reactions', data: { id: 99, sender: 1, receiver: 2, room: null, reactions } })
    expect(items.map((i) => [i.message.id, i.message.reactions])).toEqual([
      [2, []],
      [1, reactions],
    ])
  })

  it('puts an edit of a message not shown yet on top, and keeps at most MAX_SHOWN', () => {
    let items: LiveItem[] = []
    for (let id = 1; id <= MAX_SHOWN + 5; id += 1) items = applyLiveEvent(items, created(message(id)))
    items = applyLiveEvent(items, { type: 'message.updated', data: message(1000) })
    expect(items).toHaveLength(MAX_SHOWN)
    expect(items.map((i) => i.message.id).slice(0, 2)).toEqual([1000, MAX_SHOWN + 5])
  })

  it('names the conversation, filters by person (either side) and by room or DMs, and offers the choices seen', () => {
    const dm = { message: message(1), removedBy: null }
    const inRoom = { message: message(2, { sender: carol, receiver: null, room }), removedBy: null }
    expect([conversationOf(dm.message), conversationOf(inRoom.message)]).toEqual(['Alice → Bob', '#general'])
    const shown = (filter: Parameters<typeof matchesFilter>[1]) => [dm, inRoom].filter((i) => matchesFilter(i, filter)).map((i) => i.message.id)
    expect(shown({ person: bob.id, room: null })).toEqual([1])
    expect(shown({ person: carol.id, room: null })).toEqual([2])
    expect(shown({ person: null, room: 7 })).toEqual([2])
    expect(shown({ person: null, room: 'dm' })).toEqual([1])
    expect(shown({ person: alice.id, room: 7 })).toEqual([])
    expect(choicesOf([dm, inRoom])).toEqual({ people: [alice, bob, carol], rooms: [room] })
  })

  it('counts the open reports of each message from report.changed', () => {
    let open = applyReportChange(new Map(), { id: 1, message: 10, status: 'open', resolution: null })
    open = applyReportChange(open, { id: 2, message: 10, status: 'open', resolution: null })
    open = applyReportChange(open, { id: 3, message: 11, status: 'open', resolution: null })
    open = applyReportChange(open, { id: 3, message: 11, status: 'resolved', resolution: 'dismissed' })
    open = applyReportChange(open, { id: 1, message: 10, status: 'resolved', resolution: 'removed' })
    open = applyReportChange(open, { id: 4, message: null, status: 'open', resolution: null })
    expect([...open].map(([message, ids]) => [message, [...ids]])).toEqual([[10, [2]]])
  })
})
