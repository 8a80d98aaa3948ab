import type { CollectionConfig } from 'payload'

import { isAdmin } from '../../access/isAdmin'
import { DEFAULT_NOTIFY_LEVEL } from '../../protocol'
import { nobody } from '../../access/nobody'
import { ownMembershipField } from '../../access/ownMembershipField'
import { membershipOfVisibleRoom } from '../../access/roomReaders'
import { wakeStreamAfterChange, wakeStreamAfterDelete } from '../../hooks/wakeStream'
import { handOverOwnership } from './hooks/handOverOwnership'
import { stampJoinedAt } from './hooks/stampJoinedAt'
import { rejectMalformedRequest } from '../../hooks/rejectMalformedRequest'
import { refuseClientTimestamps } from '../../hooks/refuseClientTimestamps'

// Who is in which room: one row per (room, user), enforced by a unique index. Every insert and
// delete is a change row in the feed (room.member.joined / left), in commit order with messages.
export const RoomMemberships: CollectionConfig = {
  slug: 'room-memberships',
  access: {
    // Members see who is in the rooms they may see; they join, leave, add and remove through
    // the /api/rooms/:id/... routes, which check who may do what. Direct writes: admins.
    read: membershipOfVisibleRoom,
    create: isAdmin,
    update: isAdmin,
    delete: isAdmin,
  },
  admin: {
    group: 'Rooms',
    useAsTitle: 'id',
    defaultColumns: ['room', 'user', 'role', 'joinedAt'],
  },
  indexes: [{ fields: ['room', 'user'], unique: true }],
  fields: [
    { name: 'room', type: 'relationship', relationTo: 'rooms', required: true, index: true, maxDepth: 1, access: { update: nobody } },
    { name: 'user', type: 'relationship', relationTo: 'users', required: true, index: true, maxDepth: 1, access: { update: nobody } },
    {
      name: 'role',
      type: 'select',
      required: true,
      defaultValue: 'member',
      options: [
        { label: 'Owner', value: 'owner' },
        { label: 'Member', value: 'member' },
      ],
    },
    { name: 'joinedAt', type: 'date', access: { update: nobody }, admin: { readOnly: true } },
    // The member's read position in the room: a message id, only moved forward.
    { name: 'lastReadId', type: 'number', required: true, defaultValue: 0, min: 0, access: { read: ownMembershipField } },
    {
      name: 'notify',
      type: 'select',
      required: true,
      // New memberships hear of mentions only (a busy room must not ring for every message);
      // existing memberships keep the level they have.
      defaultValue: DEFAULT_NOTIFY_LEVEL,
      access: { read: ownMembershipField },
      options: [
        { label: 'All messages', value: 'all' },
        { label: 'Mentions only', value: 'mentions' },
        { label: 'Nothing', value: 'none' },
      ],
    },
  ],
  hooks: {
    beforeOperation: [rejectMalformedRequest, refuseClientTimestamps],
    beforeChange: [stampJoinedAt],
    afterChange: [wakeStreamAfterChange],
    afterDelete: [handOverOwnership, wakeStreamAfterDelete],
  },
  timestamps: true,
}
