import * as migration_20261123_011553_initial from './20261123_011553_initial';
import * as migration_20261123_011600_change_feed from './20261123_011600_change_feed';
import * as migration_20261123_012914_read_state from './20261123_012914_read_state';
import * as migration_20261123_041619_message_client_id from './20261123_041619_message_client_id';
import * as migration_20261129_080935_account_limits_replace_lockout from './20261129_080935_account_limits_replace_lockout';
import * as migration_20261129_133826_rooms from './20261129_133826_rooms';
import * as migration_20261129_135900_general_room from './20261129_135900_general_room';
import * as migration_20261129_140000_room_feed from './20261129_140000_room_feed';
import * as migration_20261129_150610_mentions_on_message from './20261129_150610_mentions_on_message';
import * as migration_20261129_170000_read_feed from './20261129_170000_read_feed';
import * as migration_20261129_170031_notify_default from './20261129_170031_notify_default';
import * as migration_20261129_194341_moderation from './20261129_194341_moderation';
import * as migration_20261129_194700_cross_process from './20261129_194700_cross_process';
import * as migration_20261129_200000_moderation_feed from './20261129_200000_moderation_feed';
import * as migration_20261129_224644_rich_messages from './20261129_224644_rich_messages';
import * as migration_20261129_230000_reaction_feed from './20261129_230000_reaction_feed';
import * as migration_20261129_231000_message_search from './20261129_231000_message_search';
import * as migration_20261130_020000_shared_presence from './20261130_020000_shared_presence';

export const migrations = [
  {
    up: migration_20261123_011553_initial.up,
    down: migration_20261123_011553_initial.down,
    name: '20261123_011553_initial',
  },
  {
    up: migration_20261123_011600_change_feed.up,
    down: migration_20261123_011600_change_feed.down,
    name: '20261123_011600_change_feed',
  },
  {
    up: migration_20261123_012914_read_state.up,
    down: migration_20261123_012914_read_state.down,
    name: '20261123_012914_read_state',
  },
  {
    up: migration_20261123_041619_message_client_id.up,
    down: migration_20261123_041619_message_client_id.down,
    name: '20261123_041619_message_client_id',
  },
  {
    up: migration_20261129_080935_account_limits_replace_lockout.up,
    down: migration_20261129_080935_account_limits_replace_lockout.down,
    name: '20261129_080935_account_limits_replace_lockout',
  },
  {
    up: migration_20261129_133826_rooms.up,
    down: migration_20261129_133826_rooms.down,
    name: '20261129_133826_rooms',
  },
  {
    up: migration_20261129_135900_general_room.up,
    down: migration_20261129_135900_general_room.down,
    name: '20261129_135900_general_room',
  },
  {
    up: migration_20261129_140000_room_feed.up,
    down: migration_20261129_140000_room_feed.down,
    name: '20261129_140000_room_feed',
  },
  {
    up: migration_20261129_150610_mentions_on_message.up,
    down: migration_20261129_150610_mentions_on_message.down,
    name: '20261129_150610_mentions_on_message',
  },
  {
    up: migration_20261129_170000_read_feed.up,
    down: migration_20261129_170000_read_feed.down,
    name: '20261129_170000_read_feed',
  },
  {
    up: migration_20261129_170031_notify_default.up,
    down: migration_20261129_170031_notify_default.down,
    name: '20261129_170031_notify_default',
  },
  {
    up: migration_20261129_194341_moderation.up,
    down: migration_20261129_194341_moderation.down,
    name: '20261129_194341_moderation',
  },
  {
    up: migration_20261129_194700_cross_process.up,
    down: migration_20261129_194700_cross_process.down,
    name: '20261129_194700_cross_process',
  },
  {
    up: migration_20261129_200000_moderation_feed.up,
    down: migration_20261129_200000_moderation_feed.down,
    name: '20261129_200000_moderation_feed',
  },
  {
    up: migration_20261129_224644_rich_messages.up,
    down: migration_20261129_224644_rich_messages.down,
    name: '20261129_224644_rich_messages'
  },
  {
    up: migration_20261129_230000_reaction_feed.up,
    down: migration_20261129_230000_reaction_feed.down,
    name: '20261129_230000_reaction_feed',
  },
  {
    up: migration_20261129_231000_message_search.up,
    down: migration_20261129_231000_message_search.down,
    name: '20261129_231000_message_search',
  },
  {
    up: migration_20261130_020000_shared_presence.up,
    down: migration_20261130_020000_shared_presence.down,
    name: '20261130_020000_shared_presence',
  },
];
