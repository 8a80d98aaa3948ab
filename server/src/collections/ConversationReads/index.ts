import type { CollectionConfig } from 'payload'

import { isAdmin } from '../../access/isAdmin'
import { ownerOrAdmin } from '../../access/ownerOrAdmin'
import { rejectMalformedRequest } from '../../hooks/rejectMalformedRequest'
import { refuseClientTimestamps } from '../../hooks/refuseClientTimestamps'

// How far each user has read each conversation. Members move their own markers only through
// POST /api/messages/read, which never moves one backwards.
export const ConversationReads: CollectionConfig = {
  slug: 'conversation-reads',
  access: {
    read: ownerOrAdmin,
    create: isAdmin,
    update: isAdmin,
    delete: isAdmin,
  },
  admin: {
    group: 'System',
    // Internal read positions: nothing a moderator acts on.
    hidden: true,
    defaultColumns: ['user', 'peer', 'lastReadId', 'updatedAt'],
  },
  indexes: [{ fields: ['user', 'peer'], unique: true }],
  fields: [
    { name: 'user', type: 'relationship', relationTo: 'users', required: true, maxDepth: 1 },
    { name: 'peer', type: 'relationship', relationTo: 'users', required: true, maxDepth: 1 },
    { name: 'lastReadId', type: 'number', required: true, defaultValue: 0, min: 0 },
  ],
  hooks: { beforeOperation: [rejectMalformedRequest, refuseClientTimestamps] },
  timestamps: true,
}
