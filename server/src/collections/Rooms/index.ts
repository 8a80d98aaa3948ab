import type { CollectionConfig } from 'payload'
import { text } from 'payload/shared'

import { authenticated } from '../../access/authenticated'
import { isAdmin } from '../../access/isAdmin'
import { nobody } from '../../access/nobody'
import { publicOrOwnRoom } from '../../access/roomReaders'
import { roomOwnerOrAdmin } from '../../access/roomOwnerOrAdmin'
import { plainText, trimText } from '../../fields/plainText'
import { rejectMalformedRequest } from '../../hooks/rejectMalformedRequest'
import { refuseClientTimestamps } from '../../hooks/refuseClientTimestamps'
import { wakeStreamAfterChange, wakeStreamAfterDelete } from '../../hooks/wakeStream'
import { MAX_ROOM_NAME_LENGTH, MAX_ROOM_TOPIC_LENGTH } from '../../protocol'
import { createRoomEndpoint, joinRoomEndpoint, leaveRoomEndpoint, listRoomsEndpoint } from '../../rooms/endpoints'
import { addMemberEndpoint, listMembersEndpoint, removeMemberEndpoint } from '../../rooms/member-endpoints'
import { notifyLevelEndpoint } from '../../rooms/notify-level'
import { addCreatorAsOwner } from './hooks/addCreatorAsOwner'
import { deleteRoomContents } from './hooks/deleteRoomContents'
import { logRoomDeletion } from './hooks/logRoomDeletion'
import { setCreatedBy } from './hooks/setCreatedBy'

// A group conversation. Who is in it lives in `room-memberships` (one row per member), not in
// an array here: membership changes are change rows of their own and need their own index.
export const Rooms: CollectionConfig = {
  slug: 'rooms',
  access: {
    read: publicOrOwnRoom,
    // Anyone logged in; the creator becomes the owner (hooks/addCreatorAsOwner.ts).
    create: authenticated,
    update: roomOwnerOrAdmin,
    // With its messages and memberships (hooks/deleteRoomContents.ts).
    delete: isAdmin,
  },
  // A populated room (a message's `room`, a membership's) is `{id, name}`, as the stream sends it.
  defaultPopulate: { name: true },
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'visibility', 'topic', 'createdBy', 'createdAt'],
    listSearchableFields: ['name', 'topic'],
    description: 'Group rooms. Members are in Room memberships.',
  },
  // Ours come before Payload's own routes; GET and POST / hand on to Payload's (rooms/endpoints.ts).
  endpoints: [
    listRoomsEndpoint,
    createRoomEndpoint,
    joinRoomEndpoint,
    leaveRoomEndpoint,
    listMembersEndpoint,
    addMemberEndpoint,
    notifyLevelEndpoint,
    removeMemberEndpoint,
  ],
  fields: [
    {
      name: 'name',
      type: 'text',
      required: true,
      minLength: 1,
      maxLength: MAX_ROOM_NAME_LENGTH,
      index: true,
      validate: plainText('Name', { multiline: false }, text),
      hooks: { beforeValidate: [trimText({ multiline: false })] },
    },
    {
      name: 'topic',
      type: 'text',
      maxLength: MAX_ROOM_TOPIC_LENGTH,
      validate: plainText('Topic', { multiline: false }, text),
      hooks: { beforeValidate: [trimText({ multiline: false })] },
    },
    {
      name: 'visibility',
      type: 'select',
      required: true,
      defaultValue: 'public',
      options: [
        { label: 'Public: anyone may find and join it', value: 'public' },
        { label: 'Private: members are added by an owner', value: 'private' },
      ],
    },
    {
      // Rooms the server itself keeps: 'general', which every user joins on sign-up. Set only by
      // the migration that creates it; the unique index makes that safe to run twice or at once.
      name: 'systemKey',
      type: 'text',
      unique: true,
      access: { create: nobody, update: nobody },
      admin: { hidden: true },
    },
    {
      name: 'createdBy',
      type: 'relationship',
      relationTo: 'users',
      maxDepth: 1,
      access: { update: nobody },
      admin: { readOnly: true, description: 'Set by the server from the logged-in user.' },
    },
  ],
  hooks: {
    beforeOperation: [rejectMalformedRequest, refuseClientTimestamps],
    beforeChange: [setCreatedBy],
    afterChange: [addCreatorAsOwner, wakeStreamAfterChange],
    beforeDelete: [deleteRoomContents],
    afterDelete: [wakeStreamAfterDelete, logRoomDeletion],
  },
  timestamps: true,
}
