import type { CollectionConfig } from 'payload'

import { isAdmin } from '../../access/isAdmin'
import { never } from '../../access/never'
import { rejectMalformedRequest } from '../../hooks/rejectMalformedRequest'
import { refuseClientTimestamps } from '../../hooks/refuseClientTimestamps'

// One emoji one user put on one message (issue #17). Members never use this collection directly:
// `POST /api/messages/:id/reactions` toggles a reaction after checking the caller may read the
// message, and messages carry their reactions (protocol/rich.ts). Moderators may list them.
// Each insert and delete is a change row (`message.reactions`), so everyone sees it live.
export const Reactions: CollectionConfig = {
  slug: 'reactions',
  access: {
    create: never,
    read: isAdmin,
    update: never,
    delete: never,
  },
  admin: {
    defaultColumns: ['emoji', 'message', 'user', 'createdAt'],
    description: 'Emoji reactions on messages. Members toggle them in the chat.',
  },
  // One reaction per user, message and emoji: a double toggle racing itself cannot add two.
  indexes: [{ fields: ['message', 'user', 'emoji'], unique: true }],
  fields: [
    // Not `required` in the schema: deleting a message or a user sets these null (ON DELETE SET
    // NULL) before the hooks delete the rows; a NOT NULL column would fail that delete.
    { name: 'message', type: 'relationship', relationTo: 'messages', maxDepth: 0, index: true },
    { name: 'user', type: 'relationship', relationTo: 'users', maxDepth: 1, index: true },
    { name: 'emoji', type: 'text', required: true, maxLength: 64 },
  ],
  hooks: {
    beforeOperation: [rejectMalformedRequest, refuseClientTimestamps],
  },
  // Toggles and cascades write these rows with raw SQL; a lock row would hold a foreign key to one
  // (no ON DELETE) and turn that delete into a constraint error. Nobody edits a reaction anyway.
  lockDocuments: false,
  timestamps: true,
}
