import { describe, expect, it } from 'vitest'

import { insertMention, matchCandidates, mentionQuery, mentionsIn, ROOM_MENTION } from './mentions'

const BOB = { id: 2, name: 'Bob' }
const BOB_TOO = { id: 7, name: 'Bob' }
const CAROL = { id: 3, name: 'Carol Smith' }

describe('mentions', () => {
  it('opens on an @ at a word start, up to the caret, and not inside an address', () => {
    expect(mentionQuery('hi @', 4)).toEqual({ start: 3, query: '' })
    expect(mentionQuery('@ca', 3)).toEqual({ start: 0, query: 'ca' })
    expect(mentionQuery('hi @ca there', 6)).toEqual({ start: 3, query: 'ca' })
    expect(mentionQuery('mail bob@example', 16)).toBeNull()
    expect(mentionQuery('hi @carol smith', 15)).toBeNull() // a space ends it
  })

  it('matches a name or any word of it', () => {
    const all = [BOB, CAROL, ROOM_MENTION]
    expect(matchCandidates(all, '')).toEqual(all)
    expect(matchCandidates(all, 'sm')).toEqual([CAROL])
    expect(matchCandidates(all, 'B')).toEqual([BOB])
    expect(matchCandidates(all, 'ro')).toEqual([ROOM_MENTION])
  })

  it('inserts the chosen name and keeps the id it stands for, while the text still names it', () => {
    const typed = insertMention('hi @ca, look', 3, 6, CAROL.name)
    expect(typed).toEqual({ text: 'hi @Carol Smith , look', caret: 16 })
    // Two people called Bob: the one chosen is the one mentioned.
    expect(mentionsIn('@Bob and @Carol Smith: lunch?', [BOB_TOO, CAROL])).toEqual({ mentions: [7, 3], mentionsRoom: false })
    expect(mentionsIn('never mind', [BOB, CAROL])).toEqual({ mentions: [], mentionsRoom: false })
    expect(mentionsIn('@Bobby hi', [BOB])).toEqual({ mentions: [], mentionsRoom: false })
    expect(mentionsIn('@room standup now', [ROOM_MENTION])).toEqual({ mentions: [], mentionsRoom: true })
  })
})
