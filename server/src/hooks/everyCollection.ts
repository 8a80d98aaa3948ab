import type { SanitizedConfig } from 'payload'

import { refuseClientTimestamps } from './refuseClientTimestamps'
import { rejectMalformedRequest } from './rejectMalformedRequest'

// Checks every collection gets, Payload's own too (preferences, locked documents, migrations),
// which the project does not configure: malformed queries and client-set dates are refused there
// as on ours. Ours list them in their config already; they are not added twice.
const CHECKS = [rejectMalformedRequest, refuseClientTimestamps]

export function checkEveryCollection(config: SanitizedConfig): SanitizedConfig {
  for (const collection of config.collections) {
    const hooks = (collection.hooks.beforeOperation ??= [])
    const missing = CHECKS.filter((check) => !hooks.includes(check))
    hooks.unshift(...missing)
  }
  return config
}
