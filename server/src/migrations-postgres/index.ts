import * as migration_20261129_224707_baseline from './20261129_224707_baseline';

export const migrations = [
  {
    up: migration_20261129_224707_baseline.up,
    down: migration_20261129_224707_baseline.down,
    name: '20261129_224707_baseline'
  },
];
