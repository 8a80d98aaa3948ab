import { describe, expect, it } from 'vitest'

import { notificationFor, shouldNotify, type NotifyContext } from './notify'
import { ALICE, BOB, makeMessage } from './test-messages'

const ROOM = { id: 7, name: 'design' }
const base: NotifyContext = { me: ALICE.id, permitted: true, anyTabVisible: false, roomLevel: () => 'mentions' }
const dm = makeMessage(5, { sender: BOB, receiver: ALICE, content: 'Lunch?' })
const inRoom = (overrides = {}) => makeMessage(6, { sender: BOB, receiver: null, room: ROOM, content: 'Plans', ...overrides })

describe('shouldNotify', () => {
  it('notifies a new DM while every tab is hidden', () => {
    expect(shouldNotify(dm, base)).toBe(true)
  })

  it('never while a tab is visible (so never for a conversation open in one), without permission, or for your own message', () => {
    expect(shouldNotify(dm, { ...base, anyTabVisible: true })).toBe(false)
    expect(shouldNotify(dm, { ...base, permitted: false })).toBe(false)
    expect(shouldNotify(makeMessage(5, { sender: ALICE, receiver: BOB }), base)).toBe(false)
  })

  it('in a room follows your level: all, mentions (of you or @room), none; nothing when not a member', () => {
    const level = (notify: 'all' | 'mentions' | 'none' | null) => ({ ...base, roomLevel: () => notify })
    expect(shouldNotify(inRoom(), level('all'))).toBe(true)
    expect(shouldNotify(inRoom(), level('mentions'))).toBe(false)
    expect(shouldNotify(inRoom({ mentions: [ALICE.id] }), level('mentions'))).toBe(true)
    expect(shouldNotify(inRoom({ mentionsRoom: true }), level('mentions'))).toBe(true)
    expect(shouldNotify(inRoom({ mentions: [3] }), level('mentions'))).toBe(false)
    expect(shouldNotify(inRoom({ mentions: [ALICE.id] }), level('none'))).toBe(false)
    expect(shouldNotify(inRoom({ mentions: [ALICE.id] }), level(null))).toBe(false)
  })
})

describe('notificationFor', () => {
  it('says who, where, and the start of the text', () => {
    expect(notificationFor(dm)).toEqual({ title: 'Bob', body: 'Lunch?', tag: 'message-5' })
    const long = inRoom({ content: `a\n${'b'.repeat(300)}` })
    const shown = notificationFor(long)
    expect(shown.title).toBe('Bob in #design')
    expect(shown.body).toHaveLength(120)
    expect(shown.body.startsWith('a b')).toBe(true)
    expect(shown.body.endsWith('…')).toBe(true)
  })
})
