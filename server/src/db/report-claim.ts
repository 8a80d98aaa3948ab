// Resolving a report is first-come: the resolve endpoint claims an open report with one
// conditional UPDATE, atomic on both databases (a read-then-write would let two moderators both
// act on it: db-sqlite runs without transactions, and PostgreSQL's READ COMMITTED re-checks the
// condition of a row another claim changed, so the later one changes nothing). Only the winner
// acts; the report change row is written by the feed's trigger in the same statement. Run on its
// own (payload, not the request): the claim is decided and committed before the action starts.
import type { Payload } from 'payload'

import type { ReportResolution } from '../protocol'
import { run, sql } from './sql'

interface Claim {
  resolution: ReportResolution
  by: number
  at: string
}

// True if this call resolved the report; false if it was not open (already resolved, or gone).
export async function claimOpenReport(payload: Payload, id: number, { resolution, by, at }: Claim): Promise<boolean> {
  const changed = await run(payload, sql`UPDATE reports SET status = 'resolved', resolution = ${resolution}, resolved_by_id = ${by},
      resolved_at = ${at}, updated_at = ${at}
    WHERE id = ${id} AND status = 'open'`)
  return changed === 1
}

// Gives a claim back when the action it was for failed: the report is open again (a change row
// says so), and the moderator can retry or choose another action.
export async function releaseReport(payload: Payload, id: number): Promise<void> {
  await run(payload, sql`UPDATE reports SET status = 'open', resolution = NULL, resolved_by_id = NULL, resolved_at = NULL,
      updated_at = ${new Date().toISOString()}
    WHERE id = ${id} AND status = 'resolved'`)
}
