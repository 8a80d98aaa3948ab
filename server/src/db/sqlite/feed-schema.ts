// The change feed's storage on SQLite: the change rows, the membership periods, and the triggers
// that write both inside the writing statement's own transaction, so every writer (REST, Local
// API, admin panel, another process, a script) is caught, and ids follow commit order because
// SQLite has a single writer at a time.
//
// One table, one id sequence for every kind of change (the table keeps the name it had when it
// held messages only, so old cursors and old tools stay valid):
// - messages: `created | updated | deleted`, with the DM's sides or the room;
// - memberships: `room.member.joined` (a row inserted) and `room.member.left` (a row deleted), with
//   the room and the user concerned; the room's name is kept with it, as a room being deleted
//   (memberships first, then the room) is gone by the time the event is read;
// - rooms: `room.updated` when the name, topic or visibility changes;
// - DM read positions: `read` when a user's `last_read_id` in a DM moves forward, the reader as
//   `sender_id`, the other participant (the one who sees it) as `receiver_id`, the position as
//   `message_id`. Rooms have none: a read receipt per member of a room is noise, and N².
// - reports: `report` when a report is opened or its status or resolution changes, with the report
//   (`report_id`, its message, status and resolution at commit time). No user or room column is
//   set: no member's stream ever matches one; only the admin scope reads them.
// - reactions: `reaction` when a reaction is added or removed (issue #17), with the message and its
//   DM's sides or room, as a message row (visible to the same people); no user column: the reactor
//   is in the message's reactions, which the event reads as they are now. A message's reactions go
//   with it without rows of their own (its `deleted` row says enough); a user's go before the user,
//   each with its row, so every participant's counts follow.
// A `deleted` row says who removed the message (`removed_by`: 'sender' or 'moderator'). The trigger
// cannot see the request: the Messages delete hook leaves a marker in `message_removals` for that
// message id just before the delete, and the trigger moves it into the change row. A delete with no
// marker (raw SQL, a script, server code with no user) was not the sender's own act in the chat: it
// is recorded as 'moderator', never put in the author's name. Server code with no user writes the
// 'moderator' marker itself, so a marker left by an earlier delete that failed after its hook is
// replaced, not inherited. Known race (no transactions): a sender and an admin deleting the same
// message at the same moment share its one marker row; the last hook to write it wins, so either
// may be named. Only one delete succeeds; a wrong name needs two removers in the same instant.
// Every room row keeps the room's name at commit time (`room_name`): events take it from there.
//
// `room_member_periods` is membership over time: one row per stay of a user in a room, from the
// change id of its join to the change id of its leave (null while a member). The prune leaves it
// alone (but for stays that ended before the oldest stored change), so a replay after any stored
// cursor knows who was a member when each room change was committed.

import { FEED_KINDS } from '../feed-rows'

export { FEED_KINDS }

const kinds = FEED_KINDS.map((kind) => `'${kind}'`).join(', ')

// The change-row table as it is today (the migrations room_feed, read_feed and moderation_feed
// rebuild older ones).
export const CHANGES_TABLE = `CREATE TABLE IF NOT EXISTS message_changes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN (${kinds})),
    message_id INTEGER,
    sender_id INTEGER,
    receiver_id INTEGER,
    room_id INTEGER,
    user_id INTEGER,
    room_name TEXT,
    changed_at INTEGER NOT NULL DEFAULT (CAST(strftime('%s', 'now') AS INTEGER)),
    removed_by TEXT,
    report_id INTEGER,
    report_message_id INTEGER,
    report_status TEXT,
    report_resolution TEXT
  )`

// Who joined and left which room when (change ids); `left_change` is null while a member.
const PERIODS_TABLE = `CREATE TABLE IF NOT EXISTS room_member_periods (
    id INTEGER PRIMARY KEY,
    room_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    joined_change INTEGER NOT NULL,
    left_change INTEGER
  )`

// A join only for a whole membership: the foreign keys are ON DELETE SET NULL, and a row left
// without its room or user is no member (a NULL in the periods' NOT NULL columns would fail the
// delete that caused it with a 500). Both statements share the condition, so the period always
// takes the id of the change row just written.
const joined = (side: 'NEW' | 'OLD') => {
  const whole = `WHERE ${side}.room_id IS NOT NULL AND ${side}.user_id IS NOT NULL`
  return `
    INSERT INTO message_changes (kind, room_id, user_id, room_name)
    SELECT 'room.member.joined', ${side}.room_id, ${side}.user_id, (SELECT name FROM rooms WHERE id = ${side}.room_id) ${whole};
    INSERT INTO room_member_periods (room_id, user_id, joined_change)
    SELECT ${side}.room_id, ${side}.user_id, last_insert_rowid() ${whole};`
}

const left = (side: 'NEW' | 'OLD') => `
    INSERT INTO message_changes (kind, room_id, user_id, room_name)
    VALUES ('room.member.left', ${side}.room_id, ${side}.user_id, (SELECT name FROM rooms WHERE id = ${side}.room_id));
    UPDATE room_member_periods SET left_change = last_insert_rowid()
    WHERE room_id = ${side}.room_id AND user_id = ${side}.user_id AND left_change IS NULL;`

// A room message's row keeps the room's name as it was then: a replay shows the room as it was when
// the message was written (a rename is its own event), never a name given after the reader left.
const message = (kind: string, side: 'NEW' | 'OLD') => `
    INSERT INTO message_changes (kind, message_id, sender_id, receiver_id, room_id, room_name)
    VALUES ('${kind}', ${side}.id, ${side}.sender_id, ${side}.receiver_id, ${side}.room_id, (SELECT name FROM rooms WHERE id = ${side}.room_id));`

// Trigger names of the feed before rooms (on messages only): dropped when the feed is rebuilt.
export const LEGACY_TRIGGERS = ['messages_change_created', 'messages_change_updated', 'messages_change_deleted']

export const FEED_TRIGGERS = {
  feed_message_created: `AFTER INSERT ON messages BEGIN ${message('created', 'NEW')} END`,
  feed_message_updated: `AFTER UPDATE ON messages BEGIN ${message('updated', 'NEW')} END`,
  feed_message_deleted: `AFTER DELETE ON messages BEGIN ${message('deleted', 'OLD')} END`,
  feed_member_joined: `AFTER INSERT ON room_memberships BEGIN ${joined('NEW')} END`,
  feed_member_left: `AFTER DELETE ON room_memberships BEGIN ${left('OLD')} END`,
  // Membership is changed by inserting and deleting rows; should a row be edited to another room or
  // user (the admin panel allows it), that is the old membership ending and a new one starting.
  feed_member_moved: `AFTER UPDATE OF room_id, user_id ON room_memberships
    WHEN OLD.room_id IS NOT NEW.room_id OR OLD.user_id IS NOT NEW.user_id BEGIN ${left('OLD')} ${joined('NEW')} END`,
  // Payload writes every column on an update: only a real change of what members see is an event.
  feed_room_updated: `AFTER UPDATE OF name, topic, visibility ON rooms
    WHEN OLD.name IS NOT NEW.name OR OLD.topic IS NOT NEW.topic OR OLD.visibility IS NOT NEW.visibility BEGIN
    INSERT INTO message_changes (kind, room_id, room_name) VALUES ('room.updated', NEW.id, NEW.name);
  END`,
}

// A DM read position that moved forward, seen by the other participant: never a note to self, never
// a row left without one of its users (ON DELETE SET NULL), never a marker moved back or kept.
const read = `INSERT INTO message_changes (kind, message_id, sender_id, receiver_id) VALUES ('read', NEW.last_read_id, NEW.user_id, NEW.peer_id);`
const wholeDm = 'NEW.user_id IS NOT NULL AND NEW.peer_id IS NOT NULL AND NEW.user_id <> NEW.peer_id'

// On `conversation_reads`; separate from FEED_TRIGGERS because that table is no part of the feed
// before the read_feed migration (earlier migrations install FEED_TRIGGERS).
export const READ_TRIGGERS = {
  feed_read_started: `AFTER INSERT ON conversation_reads WHEN ${wholeDm} AND NEW.last_read_id > 0 BEGIN ${read} END`,
  // markRead's upsert updates with MAX(old, new): only a real move forward is an event.
  feed_read_moved: `AFTER UPDATE OF last_read_id ON conversation_reads
    WHEN ${wholeDm} AND NEW.last_read_id > OLD.last_read_id BEGIN ${read} END`,
}

const LATEST = `COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'message_changes'), 0)`

// Memberships that exist without an open period (written while the triggers were absent: before
// this feed was installed, or by a migration ordered before it) are members from now on; open
// periods whose membership is gone end now. A no-op whenever the triggers saw every write.
export const RECONCILE_PERIODS = [
  `INSERT INTO room_member_periods (room_id, user_id, joined_change)
   SELECT m.room_id, m.user_id, ${LATEST} FROM room_memberships m
   WHERE m.room_id IS NOT NULL AND m.user_id IS NOT NULL AND NOT EXISTS (
     SELECT 1 FROM room_member_periods p WHERE p.room_id = m.room_id AND p.user_id = m.user_id AND p.left_change IS NULL)`,
  `UPDATE room_member_periods SET left_change = ${LATEST}
   WHERE left_change IS NULL AND NOT EXISTS (
     SELECT 1 FROM room_memberships m WHERE m.room_id = room_member_periods.room_id AND m.user_id = room_member_periods.user_id)`,
]

// Who is removing which message, for the delete trigger (see the top of this file): written just
// before the delete, consumed by it.
export const REMOVALS_TABLE = `CREATE TABLE IF NOT EXISTS message_removals (
    message_id INTEGER PRIMARY KEY,
    removed_by TEXT NOT NULL CHECK (removed_by IN ('sender', 'moderator'))
  )`

// Replaces FEED_TRIGGERS' delete trigger (same name) from the moderation_feed migration on.
export const REMOVAL_TRIGGERS = {
  feed_message_deleted: `AFTER DELETE ON messages BEGIN
    INSERT INTO message_changes (kind, message_id, sender_id, receiver_id, room_id, room_name, removed_by)
    VALUES ('deleted', OLD.id, OLD.sender_id, OLD.receiver_id, OLD.room_id, (SELECT name FROM rooms WHERE id = OLD.room_id),
      COALESCE((SELECT removed_by FROM message_removals WHERE message_id = OLD.id), 'moderator'));
    DELETE FROM message_removals WHERE message_id = OLD.id;
  END`,
}

const reportRow = `INSERT INTO message_changes (kind, report_id, report_message_id, report_status, report_resolution)
    VALUES ('report', NEW.id, NEW.reported_message_id, NEW.status, NEW.resolution);`

// On `reports` (created by the moderation migration): a report opened, or its state changed.
export const REPORT_TRIGGERS = {
  feed_report_opened: `AFTER INSERT ON reports BEGIN ${reportRow} END`,
  // Payload writes every column on an update: only a change of status or resolution is an event.
  feed_report_changed: `AFTER UPDATE OF status, resolution ON reports
    WHEN OLD.status IS NOT NEW.status OR OLD.resolution IS NOT NEW.resolution BEGIN ${reportRow} END`,
}

// A reaction row names its message's conversation as the message's own rows do; none when the
// message is gone (or going: see below) or the reaction has no user.
const reaction = (side: 'NEW' | 'OLD') => `WHEN ${side}.message_id IS NOT NULL AND ${side}.user_id IS NOT NULL BEGIN
    INSERT INTO message_changes (kind, message_id, sender_id, receiver_id, room_id, room_name)
    SELECT 'reaction', m.id, m.sender_id, m.receiver_id, m.room_id, (SELECT name FROM rooms WHERE id = m.room_id)
    FROM messages m WHERE m.id = ${side}.message_id;
  END`

// On `reactions` (created by the rich_messages migration), and what its rows need of messages and
// users. The foreign keys would only set a deleted message's or user's reactions' columns to null,
// leaving rows behind and telling nobody: instead, just before a message is deleted its reactions
// are detached (message_id null, so no `reaction` row follows the message's `deleted` row) and
// dropped; just before a user is deleted their reactions are removed, each a `reaction` row.
export const REACTION_TRIGGERS = {
  feed_reaction_added: `AFTER INSERT ON reactions ${reaction('NEW')}`,
  feed_reaction_removed: `AFTER DELETE ON reactions ${reaction('OLD')}`,
  feed_message_reactions_dropped: `BEFORE DELETE ON messages BEGIN
    UPDATE reactions SET message_id = NULL WHERE message_id = OLD.id;
    DELETE FROM reactions WHERE message_id IS NULL;
  END`,
  feed_user_reactions_removed: `BEFORE DELETE ON users BEGIN DELETE FROM reactions WHERE user_id = OLD.id; END`,
}

const createTriggers = (triggers: Record<string, string>) =>
  Object.entries(triggers).map(([name, body]) => `CREATE TRIGGER IF NOT EXISTS ${name} ${body}`)

// The tables and indexes of the feed (CREATE ... IF NOT EXISTS).
const FEED_STORAGE = [
  CHANGES_TABLE,
  `CREATE INDEX IF NOT EXISTS message_changes_changed_at_idx ON message_changes (changed_at)`,
  PERIODS_TABLE,
  // A replay asks, per room change, whether the reader was a member then: one index probe.
  `CREATE INDEX IF NOT EXISTS room_member_periods_room_user_idx ON room_member_periods (room_id, user_id, joined_change)`,
  // ... and, for a reader who has left, whether the message changed after they left: one probe.
  `CREATE INDEX IF NOT EXISTS message_changes_message_idx ON message_changes (message_id, id)`,
  // A room's later updates, for a reader whose stay ended (feed-events.ts, visibleTo).
  `CREATE INDEX IF NOT EXISTS message_changes_room_kind_idx ON message_changes (room_id, kind, id)`,
]

// Everything the feed needs, idempotent: run by its migration and again at every start.
export const CHANGE_FEED_SCHEMA = [...FEED_STORAGE, ...createTriggers(FEED_TRIGGERS), ...RECONCILE_PERIODS]

// The feed with the read positions (the read_feed migration).
export const CHANGE_FEED_WITH_READS = [...CHANGE_FEED_SCHEMA, ...createTriggers(READ_TRIGGERS)]

// The feed with who removed a message, and reports (the moderation_feed migration).
// REMOVAL_TRIGGERS' delete trigger takes the place of FEED_TRIGGERS' older one.
export const CHANGE_FEED_WITH_MODERATION = [
  ...FEED_STORAGE,
  REMOVALS_TABLE,
  ...createTriggers({ ...FEED_TRIGGERS, ...REMOVAL_TRIGGERS }),
  ...createTriggers(READ_TRIGGERS),
  ...createTriggers(REPORT_TRIGGERS),
  ...RECONCILE_PERIODS,
]

// The feed as it is today: reactions too (the reaction_feed migration, then every start).
export const CHANGE_FEED_WITH_REACTIONS = [...CHANGE_FEED_WITH_MODERATION, ...createTriggers(REACTION_TRIGGERS)]
