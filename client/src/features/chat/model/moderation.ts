// A member's view of moderation, pure: what their reports say, whom they blocked, and the room
// messages of blocked people folded away.
import type { Block, Report, ReportReason } from '@payload-chat/server/protocol'

import type { TimelineRow } from './timeline'
import type { ChatItem, UserRef } from './types'

export const REASON_LABELS: Record<ReportReason, string> = { spam: 'Spam', abuse: 'Abuse', other: 'Other' }

// Where a report of yours stands, in words.
export function reportStateText(report: Pick<Report, 'status' | 'resolution'>): string {
  if (report.status === 'open') return 'Open: waiting for a moderator'
  switch (report.resolution) {
    case 'removed':
      return 'Resolved: the message was removed'
    case 'suspended':
      return 'Resolved: its author was suspended'
    case 'dismissed':
      return 'Resolved: no action taken'
    default:
      return 'Resolved'
  }
}

// The person a block names, whatever depth the server answered with (a bare id: no name known).
export const blockedPerson = (block: Block): UserRef =>
  typeof block.blocked === 'number' ? { id: block.blocked, name: `User ${block.blocked}` } : { id: block.blocked.id, name: block.blocked.name }

// A run of messages from people you blocked, folded into one row until you ask to see it.
export type BlockedRun = { kind: 'blocked'; key: string; items: ChatItem[] }
export type RoomRow = TimelineRow | BlockedRun

// Folds each run of consecutive messages from people in `blocked` (ids) into one BlockedRun row,
// keyed by its first message, except the runs whose key is in `shown`. A day separator or a
// message of anyone else ends a run; your own messages are never folded.
export function foldBlocked(rows: TimelineRow[], blocked: ReadonlySet<number>, me: number, shown: ReadonlySet<string> = new Set()): RoomRow[] {
  if (blocked.size === 0) return rows
  const out: RoomRow[] = []
  let run: BlockedRun | null = null
  for (const row of rows) {
    const hidden = row.kind === 'message' && row.item.senderId !== me && blocked.has(row.item.senderId)
    if (!hidden) {
      run = null
      out.push(row)
      continue
    }
    if (run === null) {
      run = { kind: 'blocked', key: `blocked:${row.key}`, items: [] }
      out.push(run)
    }
    run.items.push(row.item)
  }
  // A run asked for is shown as it was; the rest stay folded.
  return out.flatMap((row) =>
    row.kind === 'blocked' && shown.has(row.key) ? row.items.map((item): TimelineRow => ({ kind: 'message', key: item.key, item })) : [row],
  )
}

export const blockedRunLabel = (count: number): string =>
  count === 1 ? 'Message from a blocked person' : `${count} messages from a blocked person`
