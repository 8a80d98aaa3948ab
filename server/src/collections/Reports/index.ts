import type { CollectionConfig } from 'payload'
import { textarea } from 'payload/shared'

import { authenticated } from '../../access/authenticated'
import { isAdmin, isAdminField } from '../../access/isAdmin'
import { never } from '../../access/never'
import { plainText, trimText } from '../../fields/plainText'
import { nobody } from '../../access/nobody'
import { reporterOrAdmin } from '../../access/reporterOrAdmin'
import { rejectMalformedRequest } from '../../hooks/rejectMalformedRequest'
import { refuseClientTimestamps } from '../../hooks/refuseClientTimestamps'
import { wakeStreamAfterChange } from '../../hooks/wakeStream'
import { resolveReportEndpoint } from '../../moderation/resolve-report'
import { MAX_REPORT_NOTE_LENGTH, REPORT_REASONS } from '../../protocol'
import { answerDuplicateReport } from './hooks/answerDuplicateReport'
import { logResolution } from './hooks/logResolution'
import { refuseServerSetFields } from './hooks/refuseServerSetFields'
import { snapshotReportedMessage } from './hooks/snapshotReportedMessage'
import { stampResolution } from './hooks/stampResolution'

const label = (value: string) => value[0].toUpperCase() + value.slice(1)

// A member flags a message for the moderators. The message as it was when reported (its text, its
// author and its conversation) is kept with the report, so the queue still shows what was reported
// after the message is removed. One open report per (reporter, message): a unique index over the
// open ones (migration `moderation`).
export const Reports: CollectionConfig = {
  slug: 'reports',
  access: {
    create: authenticated,
    read: reporterOrAdmin,
    // Resolved through POST /api/reports/:id/resolve or the queue's actions in the admin panel.
    update: isAdmin,
    // Reports are evidence: kept (deleting a user deletes the reports they made).
    delete: never,
  },
  admin: {
    group: 'Moderation',
    useAsTitle: 'reason',
    defaultColumns: ['reason', 'content', 'author', 'reporter', 'status', 'createdAt'],
    description: 'What members reported. Open reports first; resolve them with the actions on each report.',
    // The queue's actions (remove, suspend, dismiss): src/admin/reports/.
    components: { edit: { beforeDocumentControls: ['/admin/reports/ResolveActions#ResolveActions'] } },
  },
  // Open before resolved ('open' < 'resolved'), newest first within each.
  defaultSort: ['status', '-createdAt'],
  // POST /api/reports/:id/resolve: act on a report and resolve it (moderation/resolve-report.ts).
  endpoints: [resolveReportEndpoint],
  fields: [
    {
      name: 'reporter',
      type: 'relationship',
      relationTo: 'users',
      maxDepth: 1,
      index: true,
      access: { update: nobody, read: isAdminField },
      admin: { readOnly: true },
    },
    // Null once the message is removed; `reportedMessageId` keeps which message it was.
    { name: 'message', type: 'relationship', relationTo: 'messages', maxDepth: 1, index: true, access: { update: nobody } },
    { name: 'reportedMessageId', type: 'number', index: true, access: { update: nobody }, admin: { readOnly: true, hidden: true } },
    {
      name: 'reason',
      type: 'select',
      required: true,
      options: REPORT_REASONS.map((value) => ({ label: label(value), value })),
      access: { update: nobody },
    },
    // Shown to moderators as written: plain text like a message (no control characters).
    {
      name: 'note',
      type: 'textarea',
      maxLength: MAX_REPORT_NOTE_LENGTH,
      access: { update: nobody },
      validate: plainText('Note', { multiline: true }, textarea),
      hooks: { beforeValidate: [trimText({ multiline: true })] },
    },
    // The snapshot of the message when it was reported (admins only).
    { name: 'content', type: 'textarea', access: { update: nobody, read: isAdminField }, admin: { readOnly: true } },
    { name: 'author', type: 'relationship', relationTo: 'users', maxDepth: 1, access: { update: nobody, read: isAdminField }, admin: { readOnly: true } },
    { name: 'room', type: 'relationship', relationTo: 'rooms', maxDepth: 1, access: { update: nobody, read: isAdminField }, admin: { readOnly: true } },
    { name: 'receiver', type: 'relationship', relationTo: 'users', maxDepth: 1, access: { update: nobody, read: isAdminField }, admin: { readOnly: true } },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'open',
      index: true,
      options: [
        { label: 'Open', value: 'open' },
        { label: 'Resolved', value: 'resolved' },
      ],
      admin: { position: 'sidebar' },
    },
    // Admins only: a reporter sees that their report was handled (status), not how. "suspended"
    // would tell them about another member's suspension, which is the moderators' business.
    {
      name: 'resolution',
      type: 'select',
      access: { read: isAdminField },
      options: [
        { label: 'Message removed', value: 'removed' },
        { label: 'Author suspended', value: 'suspended' },
        { label: 'Dismissed', value: 'dismissed' },
      ],
      admin: { position: 'sidebar' },
    },
    { name: 'resolvedBy', type: 'relationship', relationTo: 'users', maxDepth: 1, access: { read: isAdminField }, admin: { readOnly: true, position: 'sidebar' } },
    { name: 'resolvedAt', type: 'date', admin: { readOnly: true, position: 'sidebar' } },
  ],
  hooks: {
    beforeOperation: [rejectMalformedRequest, refuseClientTimestamps, refuseServerSetFields],
    beforeValidate: [snapshotReportedMessage],
    beforeChange: [stampResolution],
    // A report opened or resolved is a change row (the admin scope of the stream): wake the poller.
    afterChange: [wakeStreamAfterChange, logResolution],
    afterError: [answerDuplicateReport],
  },
  timestamps: true,
}
