// POST /api/reports/:id/resolve (admins): act on a report and resolve it, in one request. The
// report is claimed first (one conditional update, open → resolved, which also writes its change
// row): of two moderators acting at once, only one acts, the other gets a 409. The action then goes
// through the ordinary Local API on behalf of the admin (req), so it does exactly what the same
// change through REST or the panel does: the message's removal is a moderator's in the feed and the
// audit trail, a suspension is the accounts' own (users hooks). If the action fails, the claim is
// given back. Every audit entry written here carries the moderator's `reason` (asResolution).
import { APIError, type Endpoint, type PayloadRequest } from 'payload'

import { loggedInUser } from '../access/authenticated'
import { userIsAdmin } from '../access/isAdmin'
import { recordResolution } from '../collections/Reports/hooks/logResolution'
import { claimOpenReport, releaseReport } from '../db'
import { readJsonObject } from '../http/json-body'
import type { Report } from '../payload-types'
import { MAX_REPORT_NOTE_LENGTH, type ReportResolution, type ResolveAction } from '../protocol'
import { wakeRealtime } from '../realtime/runtime'
import { idParam } from '../rooms/room-in-url'
import { refId } from './refs'
import { asResolution } from './resolving'

const ACTIONS: Record<ResolveAction, ReportResolution> = { remove: 'removed', suspend: 'suspended', dismiss: 'dismissed' }
const SHAPE = '{"action": "remove" | "suspend" | "dismiss", "reason"?: text, "until"?: ISO date}'

interface Resolve {
  action: ResolveAction
  reason: string | null
  until: string | null
}

function parseResolve(body: Record<string, unknown>): Resolve {
  const { action, reason, until } = body
  if (typeof action !== 'string' || !Object.hasOwn(ACTIONS, action)) throw new APIError(`"action" must be one of remove, suspend, dismiss: ${SHAPE}.`, 400)
  if (reason !== undefined && reason !== null && (typeof reason !== 'string' || reason.length > MAX_REPORT_NOTE_LENGTH)) {
    throw new APIError(`"reason" must be a text of at most ${MAX_REPORT_NOTE_LENGTH} characters.`, 400)
  }
  if (until !== undefined && until !== null) {
    if (action !== 'suspend') throw new APIError('"until" is for the suspend action only.', 400)
    if (typeof until !== 'string' || Number.isNaN(Date.parse(until))) throw new APIError('"until" must be an ISO date.', 400)
    if (Date.parse(until) <= Date.now()) throw new APIError('"until" must be in the future.', 400)
  }
  return { action: action as ResolveAction, reason: (reason as string | undefined) || null, until: until ? new Date(until as string).toISOString() : null }
}

const resolved = (resolution: ReportResolution) => ({ status: 'resolved' as const, resolution })

// What the action needs, checked before the report is claimed: a message already gone (its sender
// deleted it) was not removed by anyone, so `remove` is a 409 and the report stays open to dismiss.
async function checkActionable(req: PayloadRequest, report: Report, action: ResolveAction): Promise<void> {
  if (action === 'remove') {
    const message = refId(report.message)
    const exists = message !== null && (await req.payload.findByID({ collection: 'messages', id: message, depth: 0, overrideAccess: false, disableErrors: true, req }))
    if (!exists) throw new APIError('The message is already gone: dismiss the report instead.', 409)
  }
  if (action === 'suspend' && refId(report.author) === null) throw new APIError('The author of this message no longer exists.', 409)
}

// Removes the message (as this moderator) and resolves every other open report of it.
async function removeMessage(req: PayloadRequest, report: Report): Promise<void> {
  await req.payload.delete({ collection: 'messages', id: refId(report.message)!, overrideAccess: false, req })
  await req.payload.update({
    collection: 'reports',
    where: { and: [{ reportedMessageId: { equals: report.reportedMessageId } }, { status: { equals: 'open' } }] },
    data: resolved('removed'),
    overrideAccess: false,
    depth: 0,
    req,
  })
}

async function suspendAuthor(req: PayloadRequest, report: Report, { reason, until }: Resolve): Promise<void> {
  await req.payload.update({
    collection: 'users',
    id: refId(report.author)!,
    data: { suspended: true, suspendedReason: reason, suspendedUntil: until },
    overrideAccess: false,
    req,
  })
}

async function act(req: PayloadRequest, report: Report, resolve: Resolve): Promise<void> {
  if (resolve.action === 'remove') await removeMessage(req, report)
  else if (resolve.action === 'suspend') await suspendAuthor(req, report, resolve)
}

export const resolveReportEndpoint: Endpoint = {
  path: '/:id/resolve',
  method: 'post',
  handler: async (req) => {
    const user = loggedInUser(req)
    if (!userIsAdmin(user)) throw new APIError('Only moderators may resolve reports.', 403)
    const id = idParam(req, 'id', 'report')
    const resolve = parseResolve(await readJsonObject(req, SHAPE))
    const report = await req.payload.findByID({ collection: 'reports', id, depth: 0, overrideAccess: false, disableErrors: true, req })
    if (!report) throw new APIError('Report not found.', 404)
    const alreadyResolved = () => new APIError('This report is already resolved.', 409)
    if (report.status === 'resolved') throw alreadyResolved()
    return asResolution(req, resolve.reason, async () => {
      await checkActionable(req, report, resolve.action)
      // First come, first served: only the request that turns it from open to resolved acts.
      const claimed = await claimOpenReport(req.payload, id, { resolution: ACTIONS[resolve.action], by: user.id, at: new Date().toISOString() })
      if (!claimed) throw alreadyResolved()
      wakeRealtime()
      try {
        await act(req, report, resolve)
      } catch (error) {
        await releaseReport(req.payload, id)
        wakeRealtime()
        throw error
      }
      const doc = await req.payload.findByID({ collection: 'reports', id, depth: 0, overrideAccess: false, req })
      await recordResolution(req, doc)
      return Response.json({ doc })
    })
  },
}
