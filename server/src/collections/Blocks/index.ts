import type { CollectionConfig } from 'payload'

import { authenticated } from '../../access/authenticated'
import { never } from '../../access/never'
import { nobody } from '../../access/nobody'
import { ownBlocks } from '../../access/ownBlocks'
import { rejectMalformedRequest } from '../../hooks/rejectMalformedRequest'
import { refuseClientTimestamps } from '../../hooks/refuseClientTimestamps'
import { answerDuplicateBlock } from './hooks/answerDuplicateBlock'
import { refuseClientBlocker, setBlocker } from './hooks/setBlocker'
import { blockableUser } from './validators/blockableUser'

// A member blocks another: the two can no longer DM each other, and the blocked person's room
// messages are collapsed for the blocker. Private to the blocker (not even admins list them), so
// hidden from the admin panel's navigation.
export const Blocks: CollectionConfig = {
  slug: 'blocks',
  access: {
    create: authenticated,
    read: ownBlocks,
    update: never,
    delete: ownBlocks,
  },
  admin: { hidden: true },
  indexes: [{ fields: ['blocker', 'blocked'], unique: true }],
  fields: [
    // Set by the server from the logged-in user.
    { name: 'blocker', type: 'relationship', relationTo: 'users', maxDepth: 1, index: true, access: { update: nobody } },
    // Required by the create hook, not the schema: deleting a user sets it null before their
    // blocks are deleted (a NOT NULL column would fail that delete).
    {
      name: 'blocked',
      type: 'relationship',
      relationTo: 'users',
      maxDepth: 1,
      index: true,
      access: { update: nobody },
      validate: blockableUser,
    },
  ],
  hooks: {
    beforeOperation: [rejectMalformedRequest, refuseClientTimestamps, refuseClientBlocker],
    beforeValidate: [setBlocker],
    afterError: [answerDuplicateBlock],
  },
  timestamps: true,
}
