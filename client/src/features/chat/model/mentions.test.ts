import { describe, expect, it } from 'vitest'

import { insertMention, matchCandidates, mentionQuery, mentionsAfterEdit, mentionsIn, ROOM_MENTION } from './mentions'

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

describe('mentionsAfterEdit', () => {
  const ALICE = { id: 1, name: 'Alice' }
  const members = [ALICE, BOB, CAROL]
  const message = (content: string, mentions: number[], mentionsRoom = false) => ({ content, mentions, mentionsRoom })

  it('drops a mention whose @Name the edit removed and keeps the ones still named', () => {
    expect(mentionsAfterEdit('hi', message('@Alice hi', [1]), members)).toEqual({ mentions: [], mentionsRoom: false })
    expect(mentionsAfterEdit('@Carol Smith, lunch?', message('@Alice @Carol Smith lunch?', [1, 3]), members)).toEqual({
      mentions: [3],
      mentionsRoom: false,
    })
    // Renamed in the text ("@Carol" is not "@Carol Smith"): no longer a mention of her.
    expect(mentionsAfterEdit('@Carol lunch?', message('@Carol Smith lunch?', [3]), members)).toEqual({ mentions: [], mentionsRoom: false })
  })

  it('keeps @room while the text says it, and adds what the editor picked', () => {
    expect(mentionsAfterEdit('@room meeting moved', message('@room meeting', [], true), members)).toEqual({ mentions: [], mentionsRoom: true })
    expect(mentionsAfterEdit('meeting moved', message('@room meeting', [], true), members)).toEqual({ mentions: [], mentionsRoom: false })
    expect(mentionsAfterEdit('@Alice hi @Bob', message('@Alice hi', [1]), members, [BOB])).toEqual({ mentions: [1, 2], mentionsRoom: false })
    // Picked, then deleted again before saving: not a mention.
    expect(mentionsAfterEdit('@Alice hi', message('@Alice hi', [1]), members, [BOB])).toEqual({ mentions: [1], mentionsRoom: false })
  })

  it('keeps the one of two same-named members the message mentioned', () => {
    expect(mentionsAfterEdit('@Bob yes', message('@Bob ok', [7]), [BOB, BOB_TOO])).toEqual({ mentions: [7], mentionsRoom: false })
  })

  it('keeps an id it cannot name only while every @ of the original text is still there', () => {
    // Dave (9) left the room or the member list is not loaded: his name is unknown.
    expect(mentionsAfterEdit('@Dave @Alice hi there', message('@Alice @Dave hi', [1, 9]), members)).toEqual({ mentions: [1, 9], mentionsRoom: false })
    expect(mentionsAfterEdit('@Alice hi', message('@Alice @Dave hi', [1, 9]), members)).toEqual({ mentions: [1], mentionsRoom: false })
    expect(mentionsAfterEdit('@Dave hi', message('@Dave @Dave hi', [9]), [])).toEqual({ mentions: [], mentionsRoom: false })
  })
})
