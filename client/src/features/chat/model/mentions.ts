// Mentions in the composer, pure: when `@` opens the picker, which members match, what choosing one
// inserts, and which of the chosen ones the text still names when it is sent. Names are not unique,
// so a mention is the id the person chose, never a name looked up afterwards.
export interface MentionCandidate {
  id: number | null // null: @room (everyone in the room)
  name: string
}

export const ROOM_MENTION: MentionCandidate = { id: null, name: 'room' }

// An `@` at the start or after a space, followed by what is typed so far (no space yet), ending
// at the caret.
export function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const match = /(^|\s)@([^\s@]{0,40})$/.exec(text.slice(0, caret))
  return match ? { start: caret - match[2].length - 1, query: match[2] } : null
}

// Candidates whose name, or a word of it, starts with the query, in the order given.
export function matchCandidates(candidates: MentionCandidate[], query: string, max = 8): MentionCandidate[] {
  const needle = query.toLocaleLowerCase()
  return candidates
    .filter((c) => c.name.toLocaleLowerCase().split(/\s+/).concat(c.name.toLocaleLowerCase()).some((word) => word.startsWith(needle)))
    .slice(0, max)
}

// Replaces `@query` (from `start` to the caret) with `@Name ` and puts the caret after it.
export function insertMention(text: string, start: number, caret: number, name: string): { text: string; caret: number } {
  const inserted = `@${name} `
  return { text: text.slice(0, start) + inserted + text.slice(caret), caret: start + inserted.length }
}

// What a message mentions: the chosen candidates whose `@Name` is still in the text.
export function mentionsIn(text: string, chosen: MentionCandidate[]): { mentions: number[]; mentionsRoom: boolean } {
  const present = chosen.filter((c) => new RegExp(`(^|\\s)@${escape(c.name)}(?=$|[\\s.,:;!?)])`, 'u').test(text))
  const ids = present.flatMap((c) => (c.id === null ? [] : [c.id]))
  return { mentions: [...new Set(ids)], mentionsRoom: present.some((c) => c.id === null) }
}

const escape = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

// What an edited room message mentions. The ids it mentioned before stay while the text still
// names them, under the name the room's member list gives them (`known`); `added` are the ones
// chosen in the editor's picker. An id the list does not name (a member who has left, whom the
// server drops anyway, or the list is not loaded yet) cannot be matched to a name: it stays only
// if the edit removed none of the `@…` the original text had, so an edit that removes a mention
// never leaves it standing and one that does not touch them keeps every one.
export function mentionsAfterEdit(
  text: string,
  original: { content: string; mentions: number[]; mentionsRoom: boolean },
  known: MentionCandidate[],
  added: MentionCandidate[] = [],
): { mentions: number[]; mentionsRoom: boolean } {
  const named = original.mentions.flatMap((id) => known.filter((c) => c.id === id).slice(0, 1))
  const before = [...named, ...(original.mentionsRoom ? [ROOM_MENTION] : [])]
  const result = mentionsIn(text, [...before, ...added])
  const unnamed = original.mentions.filter((id) => !named.some((c) => c.id === id))
  if (unnamed.length === 0 || !keepsEveryAt(original.content, text)) return result
  return { ...result, mentions: [...new Set([...result.mentions, ...unnamed])] }
}

// Whether `after` still has each `@word` of `before`, as many times.
function keepsEveryAt(before: string, after: string): boolean {
  const ats = (text: string): string[] => text.match(/(?<=^|\s)@[^\s@]+/gu) ?? []
  const left = ats(after)
  return ats(before).every((at) => {
    const index = left.indexOf(at)
    if (index === -1) return false
    left.splice(index, 1)
    return true
  })
}
