// The change feed's rows and events, whatever the database: the feed's kinds, a change row as the
// readers see it, which rows a user may see (as SQL both dialects share) and the event of each
// row. The dialects' own modules (sqlite/feed-events.ts, postgres/feed-read.ts) run the queries;
// each row of their result has the columns toChangeRow and toEvent read here.
import {
  ADMIN_AUDIENCE,
  type ChangeEvent,
  type ChangeKind,
  type DeletedMessage,
  type ReportChange,
  roomAudience,
  type RoomVisibility,
  type StreamMessage,
  userAudience,
} from './change-feed'
import type { AttachmentRef, MessageReactions, Reaction, ReplyQuote } from '../protocol'
import { excerptOf } from '../text/excerpt'

export const FEED_KINDS = ['created', 'updated', 'deleted', 'room.member.joined', 'room.member.left', 'room.updated', 'read', 'report', 'reaction'] as const

export type FeedKind = (typeof FEED_KINDS)[number]

export interface ChangeRow {
  id: number
  kind: FeedKind
  // Message rows: the message and its sides (a DM's receiver or a room, the other null).
  messageId: number | null
  senderId: number | null
  receiverId: number | null
  // Room messages, membership and room rows: the room. Membership rows: the user concerned.
  roomId: number | null
  userId: number | null
}

// How a dialect orders the feed and marks stays: the feed-order column of a change row (SQLite:
// `id`, which is commit order there; PostgreSQL: `position`, given after commit), the period's
// columns in that order, and the placeholder of the reader's user id (used four times).
export interface FeedOrder {
  order: 'id' | 'position'
  joined: string
  left: string
  user: (n: number) => string
  // PostgreSQL numbers rows after commit: a committed row may still have no position, and a
  // committed leave no `left_position` (only `left_change`, named here). See visibilityCondition.
  pending?: { leftChange: string }
}

// The rows a user may see, as a condition on `c` (message_changes) in `order`: a DM they
// take part in (of a `read` row, only the other participant: the reader knows how far they read), a change of their own membership, or a change of a room committed while they were
// its member (strictly after their join, strictly before their leave). A message's event shows the
// message as it is now: for a stay that has ended, a message changed after the leave (edited,
// reacted to, deleted) is left out (a reaction row shows the reactions as they are now: the
// same), as showing it would show that later change (the reader leaves the room later in the same
// replay, and the client drops the room's messages then); so is a room update
// followed by another after the leave (its topic and visibility are read as they are now). A report
// row is never a member's, whatever its columns hold: only the admin scope reads them.
export function visibilityCondition({ order, joined, left, user, pending }: FeedOrder): string {
  // Where rows are numbered after commit (PostgreSQL), a stay has ended once its leave is committed
  // (`leftChange` set), numbered or not: a pending leave will be numbered after every row numbered
  // now, so it is still after `c`, but a change committed after it must already count. A pending
  // change (position NULL) counts as after the leave: it is numbered after every leave numbered now.
  const stillMember = pending ? `p.${pending.leftChange} IS NULL` : `p.${left} IS NULL`
  const beforeLeave = pending ? `(p.${left} IS NULL OR p.${left} > c.${order})` : `p.${left} > c.${order}`
  const afterLeave = pending ? `(later.${order} IS NULL OR later.${order} > p.${left})` : `later.${order} > p.${left}`
  return `(c.kind <> 'report' AND ((c.room_id IS NULL AND (c.receiver_id = ${user(0)} OR (c.sender_id = ${user(1)} AND c.kind <> 'read')))
    OR c.user_id = ${user(2)}
    OR (c.room_id IS NOT NULL AND EXISTS (
      SELECT 1 FROM room_member_periods p
      WHERE p.room_id = c.room_id AND p.user_id = ${user(3)} AND p.${joined} < c.${order}
        AND (${stillMember} OR (${beforeLeave} AND NOT (
          (c.kind IN ('created', 'updated', 'reaction') AND EXISTS (
            SELECT 1 FROM message_changes later
            WHERE later.message_id = c.message_id AND ${afterLeave} AND later.kind <> 'read'))
            -- (a read row's message_id is a read position, no change of that message)
          OR (c.kind = 'room.updated' AND EXISTS (
            SELECT 1 FROM message_changes later
            WHERE later.room_id = c.room_id AND later.kind = 'room.updated' AND ${afterLeave})))))))))`
}

// The read of the feed as both dialects run it: change rows after a cursor in feed order, each
// joined with its message as it is now (the shape REST returns at depth 1: users and the room as
// {id, name}, mentions as ids), the room's name as its change row recorded it at commit time (rows
// written before the triggers recorded it fall back to the name now). The dialect gives its
// feed-order column, its placeholders (`after`, `limit`), the visibility filter, and how a
// timestamp or an enum leaves as text, and how it aggregates JSON (reactionsOfM).
export interface ReadDialect {
  order: 'id' | 'position'
  time: (column: string) => string
  text: (column: string) => string
  json: 'sqlite' | 'postgres'
}

// A message's (`m`) reactions as the JSON of protocol Reaction[]: emoji in order of first use,
// users in order of reaction (one indexed scan of the message's reactions). SQLite answers JSON
// text, PostgreSQL a json value (parsed by the driver); jsonList reads both.
export function reactionsOfM(json: ReadDialect['json']): string {
  if (json === 'postgres') {
    return `(SELECT COALESCE(json_agg(json_build_object('emoji', e.emoji, 'users', e.users) ORDER BY e.first), '[]'::json) FROM (
    SELECT emoji, json_agg(user_id ORDER BY id) AS users, MIN(id) AS first
    FROM reactions WHERE message_id = m.id AND user_id IS NOT NULL GROUP BY emoji) e)`
  }
  return `(SELECT json_group_array(json_object('emoji', e.emoji, 'users', json(e.users)) ORDER BY e.first) FROM (
    SELECT emoji, json_group_array(user_id ORDER BY id) AS users, MIN(id) AS first
    FROM reactions WHERE message_id = m.id AND user_id IS NOT NULL GROUP BY emoji) e)`
}

// The original of a reply (`m.reply_to`) as it is now, and its sender: the columns replyQuoteOf
// reads (the same SQL on both). Only an original of the reply's own conversation (its room, or its
// DM pair either way) is joined: a row written past checkReplyTo (a script, an import) never shows
// another conversation's text.
export const QUOTE_OF_M = {
  columns: `q.id AS quote_id, q.content AS quote_content, q.sender_id AS quote_sender_id, qs.name AS quote_sender_name`,
  joins: `LEFT JOIN messages q ON q.id = m.reply_to AND (q.room_id = m.room_id OR (q.room_id IS NULL AND m.room_id IS NULL
       AND ((q.sender_id = m.sender_id AND q.receiver_id = m.receiver_id) OR (q.sender_id = m.receiver_id AND q.receiver_id = m.sender_id))))
     LEFT JOIN users qs ON qs.id = q.sender_id`,
}

export function readSql(dialect: ReadDialect, { after, visible, limit }: { after: string; visible: string; limit: string }): string {
  const { order, time, text } = dialect
  return `SELECT c.${order} AS id, c.kind, c.message_id, c.sender_id, c.receiver_id, c.room_id, c.user_id, c.removed_by,
            c.report_id, c.report_message_id, c.report_status, c.report_resolution,
            m.id AS live_id, m.sender_id AS m_sender_id, m.receiver_id AS m_receiver_id, m.content, m.mentions_room,
            m.client_id, ${time('m.timestamp')} AS timestamp, ${time('m.edited_at')} AS edited_at, m.edited_by_moderator,
            ${time('m.updated_at')} AS updated_at, ${time('m.created_at')} AS created_at,
            s.name AS sender_name, r.name AS receiver_name, u.name AS user_name,
            g.id AS live_room_id, COALESCE(c.room_name, g.name) AS room_name, g.topic AS room_topic, ${text('g.visibility')} AS room_visibility,
            m.mentions, m.reply_to, m.attachments, ${QUOTE_OF_M.columns}, ${reactionsOfM(dialect.json)} AS reactions
     FROM message_changes c
     LEFT JOIN messages m ON c.kind IN ('created', 'updated', 'reaction') AND m.id = c.message_id
     ${QUOTE_OF_M.joins}
     LEFT JOIN users s ON s.id = m.sender_id
     LEFT JOIN users r ON r.id = m.receiver_id
     LEFT JOIN users u ON u.id = c.user_id
     LEFT JOIN rooms g ON g.id = c.room_id
     WHERE c.${order} > ${after} AND ${visible} ORDER BY c.${order} LIMIT ${limit}`
}

// One result row of a read query: the change row's columns and what it joined (see the dialects' read queries).
export type Row = Record<string, unknown>

const numberOrNull = (value: unknown) => (value === null || value === undefined ? null : Number(value))
const text = (value: unknown) => (value === null || value === undefined ? '' : String(value))
const textOrNull = (value: unknown) => (value === null || value === undefined ? null : String(value))

// `id` is the change's feed position (SQLite: the row id; PostgreSQL: the sequenced position).
export function toChangeRow(record: Row): ChangeRow {
  return {
    id: Number(record.id),
    kind: record.kind as FeedKind,
    messageId: numberOrNull(record.message_id),
    senderId: numberOrNull(record.sender_id),
    receiverId: numberOrNull(record.receiver_id),
    roomId: numberOrNull(record.room_id),
    userId: numberOrNull(record.user_id),
  }
}

// The message row's own JSON list (hooks/keepMemberMentions.ts writes it): text on SQLite, already
// parsed on PostgreSQL (jsonb). Anything else (a row written by hand) mentions nobody rather than
// failing the batch.
function mentionIds(raw: unknown): number[] {
  try {
    const ids: unknown = Array.isArray(raw) ? raw : JSON.parse(text(raw) || '[]')
    return Array.isArray(ids) ? ids.filter((id) => typeof id === 'number') : []
  } catch {
    return []
  }
}

// A JSON list written by the server (attachments' refs, reactions): text on SQLite, already parsed
// on PostgreSQL (json/jsonb). Anything else (a row written by hand) is an empty list rather than
// a failed batch.
export function jsonList<T>(raw: unknown): T[] {
  try {
    const list: unknown = Array.isArray(raw) ? raw : JSON.parse(text(raw) || '[]')
    return Array.isArray(list) ? (list as T[]) : []
  } catch {
    return []
  }
}

// The original of a reply as it is now (null: not a reply, or the original is gone).
export function replyQuoteOf(record: Row): ReplyQuote | null {
  if (record.quote_id === null || record.quote_id === undefined) return null
  return {
    sender: { id: Number(record.quote_sender_id), name: text(record.quote_sender_name) },
    excerpt: excerptOf(text(record.quote_content)),
  }
}

function messageData(row: ChangeRow, record: Row): StreamMessage {
  return {
    id: Number(row.messageId),
    sender: { id: Number(record.m_sender_id), name: text(record.sender_name) },
    receiver: record.m_receiver_id === null ? null : { id: Number(record.m_receiver_id), name: text(record.receiver_name) },
    room: row.roomId === null ? null : { id: row.roomId, name: text(record.room_name) },
    content: String(record.content),
    mentions: mentionIds(record.mentions),
    mentionsRoom: Boolean(record.mentions_room),
    clientId: textOrNull(record.client_id),
    timestamp: textOrNull(record.timestamp),
    editedAt: textOrNull(record.edited_at),
    editedByModerator: Boolean(record.edited_by_moderator),
    replyTo: numberOrNull(record.reply_to),
    replyQuote: replyQuoteOf(record),
    reactions: jsonList<Reaction>(record.reactions),
    attachments: jsonList<AttachmentRef>(record.attachments),
    updatedAt: String(record.updated_at),
    createdAt: String(record.created_at),
  }
}

// The event of one change row, or null when there is nothing left to show (its message or room
// is gone by now: a later change says so).
export function toEvent(row: ChangeRow, record: Row): ChangeEvent | null {
  const { id } = row
  const room = row.roomId === null ? null : roomAudience(row.roomId)
  switch (row.kind) {
    case 'room.member.joined':
    case 'room.member.left': {
      const data = { room: { id: Number(row.roomId), name: text(record.room_name) }, user: { id: Number(row.userId), name: text(record.user_name) } }
      return { id, type: row.kind, audience: [room!, userAudience(Number(row.userId))], data }
    }
    case 'read':
      // The peer read up to `message_id`: seen by the other participant only.
      return { id, type: 'read', audience: [userAudience(Number(row.receiverId))], data: { peer: Number(row.senderId), lastReadId: Number(row.messageId) } }
    case 'report': {
      // The report's state when the row was committed; the admin scope only (visibleTo never
      // matches a report row: a member's replay has none).
      const data: ReportChange = {
        id: Number(record.report_id),
        message: numberOrNull(record.report_message_id),
        status: record.report_status === 'resolved' ? 'resolved' : 'open',
        resolution: textOrNull(record.report_resolution) as ReportChange['resolution'],
      }
      return { id, type: 'report.changed', audience: [ADMIN_AUDIENCE], data }
    }
    case 'room.updated':
      if (record.live_room_id === null) return null
      return {
        id,
        type: 'room.updated',
        audience: [room!],
        data: { id: Number(row.roomId), name: text(record.room_name), topic: textOrNull(record.room_topic), visibility: record.room_visibility as RoomVisibility },
      }
    default: {
      const audience = room ? [room] : [row.senderId, row.receiverId].filter((side) => side !== null).map(userAudience)
      if (row.kind === 'deleted') {
        // Rows written before the feed recorded who removed a message (no `removed_by`) keep what
        // clients were told then: the sender's own removal.
        const by = record.removed_by === 'moderator' ? 'moderator' : 'sender'
        const data: DeletedMessage = { id: Number(row.messageId), sender: row.senderId, receiver: row.receiverId, room: row.roomId, by }
        return { id, type: 'message.deleted', audience, data }
      }
      if (record.live_id === null) return null
      if (row.kind === 'reaction') {
        // The message's reactions as they are now (a later toggle has its own row).
        const reactions = jsonList<Reaction>(record.reactions)
        const data: MessageReactions = { id: Number(row.messageId), sender: row.senderId, receiver: row.receiverId, room: row.roomId, reactions }
        return { id, type: 'message.reactions', audience, data }
      }
      return { id, type: `message.${row.kind as Exclude<ChangeKind, 'deleted'>}`, audience, data: messageData(row, record) }
    }
  }
}

// A read query's result as change rows and their events. `rows` may be longer than `events` (a
// change whose message is gone by now has none): the reader's cursor moves by `rows`.
export function rowsAndEvents(records: ReadonlyArray<Row>): { rows: ChangeRow[]; events: ChangeEvent[] } {
  const rows: ChangeRow[] = []
  const events: ChangeEvent[] = []
  for (const record of records) {
    const row = toChangeRow(record)
    rows.push(row)
    const event = toEvent(row, record)
    if (event) events.push(event)
  }
  return { rows, events }
}
