import type { CollectionConfig } from 'payload'

import { isAdmin } from '../../access/isAdmin'
import { never } from '../../access/never'
import { rejectMalformedRequest } from '../../hooks/rejectMalformedRequest'
import { refuseClientTimestamps } from '../../hooks/refuseClientTimestamps'
import { MODERATION_ACTIONS } from '../../protocol'

// The audit trail: one entry per moderator action, written by the server (Local API with
// overrideAccess) in the hooks of the action itself. Append-only: nobody creates, edits or deletes
// an entry through the API or the panel, admins included. Names are kept as they were (the actor
// or target may be deleted later).
export const ModerationLog: CollectionConfig = {
  slug: 'moderation-log',
  labels: { singular: 'Moderation log entry', plural: 'Moderation log' },
  access: {
    read: isAdmin,
    create: never,
    update: never,
    delete: never,
  },
  admin: {
    group: 'Moderation',
    useAsTitle: 'action',
    defaultColumns: ['createdAt', 'actorName', 'action', 'targetLabel', 'reason'],
    description: 'Every moderator action: who did what to what, and when. Nobody can change it.',
  },
  defaultSort: '-createdAt',
  fields: [
    { name: 'actor', type: 'relationship', relationTo: 'users', maxDepth: 0, index: true },
    { name: 'actorName', type: 'text' },
    { name: 'action', type: 'select', required: true, index: true, options: MODERATION_ACTIONS.map((value) => ({ label: value, value })) },
    {
      name: 'targetType',
      type: 'select',
      required: true,
      options: ['message', 'room', 'user', 'report'].map((value) => ({ label: value, value })),
    },
    { name: 'targetId', type: 'number', required: true, index: true },
    // The target's name as it was: a user's name, a room's name, a message's author and conversation.
    { name: 'targetLabel', type: 'text' },
    // For an edit or a removal, the content before; for a role change, the role before.
    { name: 'before', type: 'textarea' },
    { name: 'after', type: 'textarea' },
    { name: 'reason', type: 'text' },
  ],
  hooks: {
    beforeOperation: [rejectMalformedRequest, refuseClientTimestamps],
  },
  timestamps: true,
}
