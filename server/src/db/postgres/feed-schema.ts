// The change feed's storage on PostgreSQL: the same change rows as on SQLite (../sqlite/feed-schema.ts
// says what each kind holds), written by triggers inside the writing transaction, so every writer
// (REST, Local API, admin panel, another instance, a script) is caught.
//
// What differs is the order. On SQLite ids follow commit order (one writer at a time); here they do
// not: a sequence value is taken at insert, and a transaction that took id 10 may commit after one
// that took id 11. A reader following `id > cursor` would skip 10. So a change row is inserted with
// `position` NULL (its `id` is only insert order), and the sequencer (./sequencer.ts) gives
// committed rows their positions after the fact, in one short transaction. `position` is the
// change id everywhere (SSE `id:`, Last-Event-ID, membersAt, count, prune, latest).
//
// Membership periods hold both: the change row ids their trigger knows (`joined_change`,
// `left_change`) and, once the sequencer has given those rows their positions, the same bounds
// in position space (`joined_position`, `left_position`), which is what readers compare with.
import { FEED_KINDS } from '../feed-rows'
import { SEQUENCE_FUNCTION } from './sequencer'

const kinds = FEED_KINDS.map((kind) => `'${kind}'`).join(', ')

const STORAGE = [
  `CREATE SEQUENCE IF NOT EXISTS feed_position`,
  `CREATE TABLE IF NOT EXISTS message_changes (
    id bigserial PRIMARY KEY,
    position bigint,
    kind text NOT NULL CHECK (kind IN (${kinds})),
    message_id integer,
    sender_id integer,
    receiver_id integer,
    room_id integer,
    user_id integer,
    room_name text,
    changed_at timestamptz NOT NULL DEFAULT now(),
    removed_by text,
    report_id integer,
    report_message_id integer,
    report_status text,
    report_resolution text
  )`,
  `CREATE UNIQUE INDEX IF NOT EXISTS message_changes_position_idx ON message_changes (position)`,
  // The sequencer's work list: rows committed but not yet given a position.
  `CREATE INDEX IF NOT EXISTS message_changes_pending_idx ON message_changes (id) WHERE position IS NULL`,
  `CREATE INDEX IF NOT EXISTS message_changes_changed_at_idx ON message_changes (changed_at)`,
  `CREATE INDEX IF NOT EXISTS message_changes_message_idx ON message_changes (message_id, position)`,
  `CREATE INDEX IF NOT EXISTS message_changes_room_kind_idx ON message_changes (room_id, kind, position)`,
  `CREATE TABLE IF NOT EXISTS room_member_periods (
    id bigserial PRIMARY KEY,
    room_id integer NOT NULL,
    user_id integer NOT NULL,
    joined_change bigint,
    left_change bigint,
    joined_position bigint,
    left_position bigint
  )`,
  `CREATE INDEX IF NOT EXISTS room_member_periods_room_user_idx ON room_member_periods (room_id, user_id, joined_position)`,
  `CREATE INDEX IF NOT EXISTS room_member_periods_joined_pending_idx ON room_member_periods (joined_change) WHERE joined_position IS NULL`,
  `CREATE INDEX IF NOT EXISTS room_member_periods_left_pending_idx ON room_member_periods (left_change)
     WHERE left_position IS NULL AND left_change IS NOT NULL`,
  `CREATE TABLE IF NOT EXISTS message_removals (
    message_id integer PRIMARY KEY,
    removed_by text NOT NULL CHECK (removed_by IN ('sender', 'moderator'))
  )`,
]

const plpgsql = (name: string, args: string, returns: string, body: string) =>
  `CREATE OR REPLACE FUNCTION ${name}(${args}) RETURNS ${returns} LANGUAGE plpgsql AS $fn$ ${body} $fn$`

const FUNCTIONS = [
  // A join only for a whole membership (the foreign keys are ON DELETE SET NULL).
  plpgsql(
    'feed_join',
    'room integer, member integer',
    'void',
    `DECLARE change bigint;
    BEGIN
      IF room IS NULL OR member IS NULL THEN RETURN; END IF;
      INSERT INTO message_changes (kind, room_id, user_id, room_name)
        VALUES ('room.member.joined', room, member, (SELECT name FROM rooms WHERE id = room)) RETURNING id INTO change;
      INSERT INTO room_member_periods (room_id, user_id, joined_change) VALUES (room, member, change);
    END;`,
  ),
  plpgsql(
    'feed_leave',
    'room integer, member integer',
    'void',
    `DECLARE change bigint;
    BEGIN
      INSERT INTO message_changes (kind, room_id, user_id, room_name)
        VALUES ('room.member.left', room, member, (SELECT name FROM rooms WHERE id = room)) RETURNING id INTO change;
      UPDATE room_member_periods SET left_change = change WHERE room_id = room AND user_id = member AND left_change IS NULL;
    END;`,
  ),
  // Who removed a deleted message: the marker the Messages delete hook left (sqlite/feed-schema.ts).
  plpgsql(
    'feed_message_change',
    '',
    'trigger',
    `BEGIN
      IF TG_OP = 'DELETE' THEN
        INSERT INTO message_changes (kind, message_id, sender_id, receiver_id, room_id, room_name, removed_by)
          VALUES ('deleted', OLD.id, OLD.sender_id, OLD.receiver_id, OLD.room_id, (SELECT name FROM rooms WHERE id = OLD.room_id),
            COALESCE((SELECT removed_by FROM message_removals WHERE message_id = OLD.id), 'moderator'));
        DELETE FROM message_removals WHERE message_id = OLD.id;
        RETURN OLD;
      END IF;
      INSERT INTO message_changes (kind, message_id, sender_id, receiver_id, room_id, room_name)
        VALUES (CASE WHEN TG_OP = 'INSERT' THEN 'created' ELSE 'updated' END, NEW.id, NEW.sender_id, NEW.receiver_id, NEW.room_id,
          (SELECT name FROM rooms WHERE id = NEW.room_id));
      RETURN NEW;
    END;`,
  ),
  // A membership edited to another room or user is the old one ending and a new one starting.
  plpgsql(
    'feed_membership_change',
    '',
    'trigger',
    `BEGIN
      IF TG_OP = 'INSERT' THEN
        PERFORM feed_join(NEW.room_id, NEW.user_id);
      ELSIF TG_OP = 'DELETE' THEN
        PERFORM feed_leave(OLD.room_id, OLD.user_id);
      ELSIF OLD.room_id IS DISTINCT FROM NEW.room_id OR OLD.user_id IS DISTINCT FROM NEW.user_id THEN
        PERFORM feed_leave(OLD.room_id, OLD.user_id);
        PERFORM feed_join(NEW.room_id, NEW.user_id);
      END IF;
      RETURN NULL;
    END;`,
  ),
  // Payload writes every column on an update: only a real change of what members see is an event.
  plpgsql(
    'feed_room_change',
    '',
    'trigger',
    `BEGIN
      IF OLD.name IS DISTINCT FROM NEW.name OR OLD.topic IS DISTINCT FROM NEW.topic OR OLD.visibility IS DISTINCT FROM NEW.visibility THEN
        INSERT INTO message_changes (kind, room_id, room_name) VALUES ('room.updated', NEW.id, NEW.name);
      END IF;
      RETURN NULL;
    END;`,
  ),
  // A DM read position that moved forward, seen by the other participant.
  plpgsql(
    'feed_read_change',
    '',
    'trigger',
    `BEGIN
      IF NEW.user_id IS NULL OR NEW.peer_id IS NULL OR NEW.user_id = NEW.peer_id THEN RETURN NULL; END IF;
      IF (TG_OP = 'INSERT' AND NEW.last_read_id > 0) OR (TG_OP = 'UPDATE' AND NEW.last_read_id > OLD.last_read_id) THEN
        INSERT INTO message_changes (kind, message_id, sender_id, receiver_id) VALUES ('read', NEW.last_read_id, NEW.user_id, NEW.peer_id);
      END IF;
      RETURN NULL;
    END;`,
  ),
  // A report opened, or its status or resolution changed: the admin scope only.
  plpgsql(
    'feed_report_change',
    '',
    'trigger',
    `BEGIN
      IF TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM NEW.status OR OLD.resolution IS DISTINCT FROM NEW.resolution THEN
        INSERT INTO message_changes (kind, report_id, report_message_id, report_status, report_resolution)
          VALUES ('report', NEW.id, NEW.reported_message_id, NEW.status::text, NEW.resolution::text);
      END IF;
      RETURN NULL;
    END;`,
  ),
]

const TRIGGERS = [
  `CREATE OR REPLACE TRIGGER feed_message AFTER INSERT OR UPDATE OR DELETE ON messages FOR EACH ROW EXECUTE FUNCTION feed_message_change()`,
  `CREATE OR REPLACE TRIGGER feed_membership AFTER INSERT OR DELETE OR UPDATE OF room_id, user_id ON room_memberships FOR EACH ROW EXECUTE FUNCTION feed_membership_change()`,
  `CREATE OR REPLACE TRIGGER feed_room AFTER UPDATE OF name, topic, visibility ON rooms FOR EACH ROW EXECUTE FUNCTION feed_room_change()`,
  `CREATE OR REPLACE TRIGGER feed_read AFTER INSERT OR UPDATE OF last_read_id ON conversation_reads FOR EACH ROW EXECUTE FUNCTION feed_read_change()`,
  `CREATE OR REPLACE TRIGGER feed_report AFTER INSERT OR UPDATE OF status, resolution ON reports FOR EACH ROW EXECUTE FUNCTION feed_report_change()`,
]

const LATEST = `COALESCE((SELECT MAX(position) FROM message_changes), 0)`

// Memberships without an open period (written while the triggers were absent) are members from
// the latest position on; open periods whose membership is gone end there (`left_change` 0: no
// change row). A no-op whenever the triggers saw every write.
const RECONCILE_PERIODS = [
  `INSERT INTO room_member_periods (room_id, user_id, joined_position)
   SELECT m.room_id, m.user_id, ${LATEST} FROM room_memberships m
   WHERE m.room_id IS NOT NULL AND m.user_id IS NOT NULL AND NOT EXISTS (
     SELECT 1 FROM room_member_periods p WHERE p.room_id = m.room_id AND p.user_id = m.user_id AND p.left_change IS NULL)`,
  `UPDATE room_member_periods SET left_change = 0, left_position = ${LATEST}
   WHERE left_change IS NULL AND NOT EXISTS (
     SELECT 1 FROM room_memberships m WHERE m.room_id = room_member_periods.room_id AND m.user_id = room_member_periods.user_id)`,
]

// Everything the feed needs, idempotent: run by its migration and again at every start.
export const POSTGRES_FEED_SCHEMA = [...STORAGE, ...FUNCTIONS, ...TRIGGERS, ...RECONCILE_PERIODS]

// Reactions in the feed (issue #17; `reactions` comes with the rich_messages migration): as on
// SQLite (sqlite/feed-schema.ts, REACTION_TRIGGERS), an added or removed reaction is a `reaction`
// row naming its message's conversation; none when the message is gone (or going) or the reaction
// has no user. The foreign keys would only set a deleted message's or user's reactions' columns to
// null, leaving rows behind and telling nobody: instead, just before a message is deleted its
// reactions are detached (message_id null, so no `reaction` row follows the message's `deleted`
// row) and dropped; just before a user is deleted their reactions are removed, each a `reaction` row.
export const REACTION_FEED_SCHEMA = [
  plpgsql(
    'feed_reaction_change',
    '',
    'trigger',
    `DECLARE r reactions%ROWTYPE;
    BEGIN
      IF TG_OP = 'INSERT' THEN r := NEW; ELSE r := OLD; END IF;
      IF r.message_id IS NOT NULL AND r.user_id IS NOT NULL THEN
        INSERT INTO message_changes (kind, message_id, sender_id, receiver_id, room_id, room_name)
          SELECT 'reaction', m.id, m.sender_id, m.receiver_id, m.room_id, (SELECT name FROM rooms WHERE id = m.room_id)
          FROM messages m WHERE m.id = r.message_id;
      END IF;
      RETURN NULL;
    END;`,
  ),
  plpgsql(
    'feed_message_reactions_drop',
    '',
    'trigger',
    `BEGIN
      UPDATE reactions SET message_id = NULL WHERE message_id = OLD.id;
      DELETE FROM reactions WHERE message_id IS NULL;
      RETURN OLD;
    END;`,
  ),
  plpgsql(
    'feed_user_reactions_remove',
    '',
    'trigger',
    `BEGIN
      DELETE FROM reactions WHERE user_id = OLD.id;
      RETURN OLD;
    END;`,
  ),
  `CREATE OR REPLACE TRIGGER feed_reaction AFTER INSERT OR DELETE ON reactions FOR EACH ROW EXECUTE FUNCTION feed_reaction_change()`,
  `CREATE OR REPLACE TRIGGER feed_message_reactions BEFORE DELETE ON messages FOR EACH ROW EXECUTE FUNCTION feed_message_reactions_drop()`,
  `CREATE OR REPLACE TRIGGER feed_user_reactions BEFORE DELETE ON users FOR EACH ROW EXECUTE FUNCTION feed_user_reactions_remove()`,
]

// Everything the migrations install, as a start repairs it when a trigger or a function is missing
// (./change-feed.ts installPostgresFeed; idempotent). The sequencer's function comes with
// migration 20261130_030000_sequencer_function.
export const POSTGRES_FEED_INSTALL = [...POSTGRES_FEED_SCHEMA, ...REACTION_FEED_SCHEMA, SEQUENCE_FUNCTION]

// Revocations (../cross-process.ts): the same table as on SQLite's cross_process migration.
export const REVOCATIONS_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS auth_revocations (
    id bigserial PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('sessions', 'user', 'changed')),
    user_id text NOT NULL,
    session_ids text,
    revoked_at bigint NOT NULL
  )`,
  `CREATE INDEX IF NOT EXISTS auth_revocations_revoked_at ON auth_revocations (revoked_at)`,
]

// The room everyone is in (the SQLite general_room migration): created once.
export const GENERAL_ROOM = `INSERT INTO rooms (name, topic, visibility, system_key) VALUES ('general', 'Everyone is here.', 'public', 'general')
  ON CONFLICT (system_key) DO NOTHING`
