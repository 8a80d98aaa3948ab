// Resolving a report is first-come: the resolve endpoint claims an open report with one
// conditional UPDATE (db-sqlite runs without transactions, so a read-then-write would let two
// moderators both act on it). Only the winner acts; the report change row is written by the
// `feed_report_changed` trigger in the same statement (feed-schema.ts).
import type { Payload } from 'payload'

import type { ReportResolution } from '../../protocol'
import { sqliteClient } from '../client'

interface Claim {
  resolution: ReportResolution
  by: number
  at: string
}

// True if this call resolved the report; false if it was not open (already resolved, or gone).
export async function claimOpenReport(payload: Payload, id: number, { resolution, by, at }: Claim): Promise<boolean> {
  const result = await sqliteClient(payload).execute({
    sql: `UPDATE reports SET status = 'resolved', resolution = ?, resolved_by_id = ?, resolved_at = ?, updated_at = ?
      WHERE id = ? AND status = 'open'`,
    args: [resolution, by, at, at, id],
  })
  return result.rowsAffected === 1
}

// Gives a claim back when the action it was for failed: the report is open again (a change row
// says so), and the moderator can retry or choose another action.
export async function releaseReport(payload: Payload, id: number): Promise<void> {
  await sqliteClient(payload).execute({
    sql: `UPDATE reports SET status = 'open', resolution = NULL, resolved_by_id = NULL, resolved_at = NULL, updated_at = ?
      WHERE id = ? AND status = 'resolved'`,
    args: [new Date().toISOString(), id],
  })
}
