// The root endpoints of presence, typing and the stream's statistics (payload.config.ts registers them).
import type { Endpoint } from 'payload'

import { presenceSnapshotEndpoint, presenceStatusEndpoint } from './presence-endpoints'
import { streamStatsEndpoint } from './stream-stats-endpoint'
import { typingEndpoint } from './typing-endpoint'

export const presenceEndpoints: Endpoint[] = [presenceSnapshotEndpoint, presenceStatusEndpoint, typingEndpoint, streamStatsEndpoint]
