import * as migration_20261129_224707_baseline from './20261129_224707_baseline';
import * as migration_20261129_230000_change_feed from './20261129_230000_change_feed';
import * as migration_20261130_000000_reports_open_once from './20261130_000000_reports_open_once';
import * as migration_20261130_001000_rate_limits from './20261130_001000_rate_limits';
import * as migration_20261130_004313_rich_messages from './20261130_004313_rich_messages';
import * as migration_20261130_005000_reaction_feed from './20261130_005000_reaction_feed';
import * as migration_20261130_010000_message_search from './20261130_010000_message_search';
import * as migration_20261130_020000_shared_presence from './20261130_020000_shared_presence';
import * as migration_20261130_030000_sequencer_function from './20261130_030000_sequencer_function';

export const migrations = [
  {
    up: migration_20261129_224707_baseline.up,
    down: migration_20261129_224707_baseline.down,
    name: '20261129_224707_baseline',
  },
  {
    up: migration_20261129_230000_change_feed.up,
    down: migration_20261129_230000_change_feed.down,
    name: '20261129_230000_change_feed',
  },
  {
    up: migration_20261130_000000_reports_open_once.up,
    down: migration_20261130_000000_reports_open_once.down,
    name: '20261130_000000_reports_open_once',
  },
  {
    up: migration_20261130_001000_rate_limits.up,
    down: migration_20261130_001000_rate_limits.down,
    name: '20261130_001000_rate_limits',
  },
  {
    up: migration_20261130_004313_rich_messages.up,
    down: migration_20261130_004313_rich_messages.down,
    name: '20261130_004313_rich_messages',
  },
  {
    up: migration_20261130_005000_reaction_feed.up,
    down: migration_20261130_005000_reaction_feed.down,
    name: '20261130_005000_reaction_feed',
  },
  {
    up: migration_20261130_010000_message_search.up,
    down: migration_20261130_010000_message_search.down,
    name: '20261130_010000_message_search',
  },
  {
    up: migration_20261130_020000_shared_presence.up,
    down: migration_20261130_020000_shared_presence.down,
    name: '20261130_020000_shared_presence',
  },
  {
    up: migration_20261130_030000_sequencer_function.up,
    down: migration_20261130_030000_sequencer_function.down,
    name: '20261130_030000_sequencer_function',
  },
];
