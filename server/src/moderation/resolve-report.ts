// POST /api/reports/:id/resolve (admins): act on a report and resolve it, in one request. Each
// action goes through the ordinary Local API on behalf of the admin (req), so it does exactly what
// the same change through REST or the panel does: the message's removal is a moderator's in the
// feed and the audit trail, a suspension is the accounts' own (users hooks), and resolving runs the
// reports' hooks (who resolved it and when, the report.resolved entry, the report change row).
import { APIError, type Endpoint, type PayloadRequest } from 'payload'

import { loggedInUser } from '../access/authenticated'
import { userIsAdmin } from '../access/isAdmin'
import { readJsonObject } from '../http/json-body'
import type { Report } from '../payload-types'
import { MAX_REPORT_NOTE_LENGTH, type ReportResolution, type ResolveAction } from '../protocol'
import { idParam } from '../rooms/room-in-url'
import { refId } from './refs'

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

async function resolveOne(req: PayloadRequest, id: number, resolution: ReportResolution): Promise<Report> {
  return req.payload.update({ collection: 'reports', id, data: resolved(resolution), overrideAccess: false, depth: 0, req })
}

// Removes the message (if still there) and resolves every open report of it.
async function removeMessage(req: PayloadRequest, report: Report): Promise<void> {
  const message = refId(report.message)
  if (message !== null) await req.payload.delete({ collection: 'messages', id: message, overrideAccess: false, req })
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
  const author = refId(report.author)
  if (author === null) throw new APIError('The author of this message no longer exists.', 409)
  await req.payload.update({
    collection: 'users',
    id: author,
    data: { suspended: true, suspendedReason: reason, suspendedUntil: until },
    overrideAccess: false,
    req,
  })
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
    if (report.status === 'resolved') throw new APIError('This report is already resolved.', 409)
    if (resolve.action === 'remove') await removeMessage(req, report)
    else {
      if (resolve.action === 'suspend') await suspendAuthor(req, report, resolve)
      await resolveOne(req, id, ACTIONS[resolve.action])
    }
    const doc = await req.payload.findByID({ collection: 'reports', id, depth: 0, overrideAccess: false, req })
    return Response.json({ doc })
  },
}
