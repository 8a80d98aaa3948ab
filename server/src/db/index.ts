// Where the rest of the app gets its storage from. Today SQLite only; a PostgreSQL feed is chosen
// here by the adapter in use, and nothing that takes a ChangeFeed changes.
import type { Payload } from 'payload'

import type { ChangeFeed } from './change-feed'
import { sqliteChangeFeed } from './sqlite/change-feed'

export { markRemoval } from './sqlite/change-feed'
export { claimOpenReport, releaseReport } from './sqlite/report-claim'

export function changeFeedOf(payload: Payload): ChangeFeed {
  return sqliteChangeFeed(payload)
}
