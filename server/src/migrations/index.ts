import * as migration_20261123_011553_initial from './20261123_011553_initial'
import * as migration_20261123_011600_change_feed from './20261123_011600_change_feed'

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
]
