import { APIError, type CollectionBeforeChangeHook } from 'payload'

import { refId } from '../../../moderation/refs'
import { resolving } from '../../../moderation/resolving'
import type { Report } from '../../../payload-types'

// Resolving a report, whether through POST /api/reports/:id/resolve or by an admin setting the
// status in the panel: resolved needs a resolution, and records who resolved it and when (never
// what a client says). A resolved report stays as it was resolved (409); an open one has none.
// `removed` and `suspended` say the message was removed or its author suspended: only the resolve
// endpoint, which does that, may set them (asResolution); a direct change may only dismiss.
export const stampResolution: CollectionBeforeChangeHook<Report> = ({ data, operation, originalDoc, req }) => {
  if (operation !== 'update' || !originalDoc) return data
  const status = data.status ?? originalDoc.status
  const resolution = data.resolution === undefined ? originalDoc.resolution : data.resolution
  if (originalDoc.status === 'resolved') {
    if (status !== 'resolved' || resolution !== originalDoc.resolution) throw new APIError('This report is already resolved.', 409)
    return { ...data, resolvedBy: refId(originalDoc.resolvedBy), resolvedAt: originalDoc.resolvedAt }
  }
  if (status === 'resolved') {
    if (!resolution) throw new APIError('A resolved report needs its resolution: removed, suspended or dismissed.', 400)
    if (resolution !== 'dismissed' && !resolving(req)) {
      throw new APIError(`To resolve a report as ${resolution}, use the report's actions (POST /api/reports/${originalDoc.id}/resolve), which do it; here it can only be dismissed.`, 400)
    }
    return { ...data, resolvedBy: req.user?.id ?? null, resolvedAt: new Date().toISOString() }
  }
  if (resolution) throw new APIError('An open report has no resolution: set its status to resolved as well.', 400)
  return { ...data, resolvedBy: null, resolvedAt: null }
}
