import type { PayloadRequest } from 'payload'

import { withContext } from './scoped-context'

// A report being resolved by POST /api/reports/:id/resolve, which does what the resolution says
// (removes the message, suspends the author). The reports' hooks allow `removed` and `suspended`
// only inside it, and every audit entry written inside it carries the moderator's reason.
const RESOLVING = 'resolvingReport'

interface Resolving {
  reason: string | null
}

export const asResolution = <T>(req: PayloadRequest, reason: string | null, work: () => Promise<T>): Promise<T> =>
  withContext(req, RESOLVING, { reason } satisfies Resolving, work)

export const resolving = (req: PayloadRequest): Resolving | undefined => req.context[RESOLVING] as Resolving | undefined
