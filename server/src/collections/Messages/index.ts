import type { CollectionConfig } from 'payload'

import { trimText } from '../../fields/plainText'
import { rejectMalformedRequest } from '../../hooks/rejectMalformedRequest'
import { refuseClientTimestamps } from '../../hooks/refuseClientTimestamps'
import { authenticated } from '../../access/authenticated'
import { nobody } from '../../access/nobody'
import { participantOrAdmin } from '../../access/participantOrAdmin'
import { senderOrAdmin } from '../../access/senderOrAdmin'
import { conversationsEndpoint, markReadEndpoint } from '../../conversations/endpoints'
import { keepImmutableFields } from './hooks/keepImmutableFields'
import { limitMessageRate } from './hooks/limitMessageRate'
import { answerResend } from './hooks/answerResend'
import { checkRoomMembership } from './hooks/checkRoomMembership'
import { keepMemberMentions } from './hooks/keepMemberMentions'
import { setSenderAndTimestamp } from './hooks/setSenderAndTimestamp'
import { stampEditedAt } from './hooks/stampEditedAt'
import { logModeratorEdit } from './hooks/logModeratorEdit'
import { logModeratorRemoval } from './hooks/logModeratorRemoval'
import { recordRemover } from './hooks/recordRemover'
import { refuseBlockedDirectMessage } from './hooks/refuseBlockedDirectMessage'
import { refuseModeratorMark } from './hooks/refuseModeratorMark'
import { wakeStreamAfterChange, wakeStreamAfterDelete } from '../../hooks/wakeStream'
import { receiverExists } from './validators/receiverExists'
import { roomExists } from './validators/roomExists'
import { clientIdShape } from './validators/clientIdShape'
import { contentOrAttachments } from './validators/contentOrAttachments'
import { attachUploads } from './hooks/attachUploads'
import { claimAttachments } from './hooks/claimAttachments'
import { deleteMessageAttachments } from './hooks/deleteMessageAttachments'
import { refuseAttachmentChange } from './hooks/refuseAttachmentChange'
import { MAX_CONTENT_LENGTH } from '../../protocol'


export const Messages: CollectionConfig = {
  slug: 'messages',
  access: {
    create: authenticated,
    read: participantOrAdmin,
    update: senderOrAdmin,
    delete: senderOrAdmin,
  },
  admin: {
    useAsTitle: 'content',
    defaultColumns: ['content', 'sender', 'receiver', 'room', 'timestamp', 'editedAt'],
    listSearchableFields: ['content'],
    description: 'Direct and room messages. Edits and deletions here reach the chat live.',
  },
  // GET /api/messages/sse, the stream, is served before Payload by src/http/api-entry.ts.
  endpoints: [conversationsEndpoint, markReadEndpoint],
  fields: [
    {
      name: 'sender',
      type: 'relationship',
      relationTo: 'users',
      required: true,
      maxDepth: 1,
      index: true,
      access: { update: nobody },
      admin: { readOnly: true, description: 'Set by the server from the logged-in user.' },
    },
    // Exactly one of `receiver` (a DM) and `room` (a room message).
    {
      name: 'receiver',
      type: 'relationship',
      relationTo: 'users',
      maxDepth: 1,
      index: true,
      access: { update: nobody },
      validate: receiverExists,
    },
    {
      name: 'room',
      type: 'relationship',
      relationTo: 'rooms',
      maxDepth: 1,
      index: true,
      access: { update: nobody },
      validate: roomExists,
    },
    {
      name: 'content',
      type: 'textarea',
      required: true,
      maxLength: MAX_CONTENT_LENGTH,
      // Text a person sees; may be empty when the message has files (issue #17).
      validate: contentOrAttachments,
      hooks: { beforeValidate: [trimText({ multiline: true })] },
    },
    {
      // Room members this message mentions: user ids (the client sends the ones it inserted; the
      // server keeps current members', hooks/keepMemberMentions.ts). Stored in the message row
      // itself, not as relationship rows written after it: the change row's trigger fires on that
      // row, so the feed can never read a message whose mentions are still to come.
      name: 'mentions',
      type: 'json',
      defaultValue: [],
      jsonSchema: {
        uri: 'a://b/message-mentions.json',
        fileMatch: ['a://b/message-mentions.json'],
        schema: { type: 'array', items: { type: 'integer' } },
      },
      // Payload edits JSON in a code editor it loads from a CDN: the admin panel's CSP refuses
      // that (and a self-hosted panel must not depend on a third party). Mention ids are kept by
      // the server from what the sender's client inserted; moderators read them in the content.
      admin: { hidden: true },
    },
    // The message this one answers (issue #17): an id, not a relationship, so it survives the
    // original's deletion (clients say "original removed"); set on create only.
    {
      name: 'replyTo',
      type: 'number',
      index: true,
      access: { update: nobody },
      admin: { readOnly: true, description: 'The message this one replies to.' },
    },
    {
      // The files this message shares (issue #17): the client sends ids of its own uploads; the
      // row keeps each one's AttachmentRef (protocol/rich.ts), like `mentions` in the row itself
      // so the change row's trigger never sees a message whose files are still to come.
      name: 'attachments',
      type: 'json',
      defaultValue: [],
      access: { update: nobody },
      admin: { hidden: true },
    },
    // Computed when a message is read (REST and stream alike), never stored in this row.
    { name: 'replyQuote', type: 'json', virtual: true, admin: { hidden: true } },
    { name: 'reactions', type: 'json', virtual: true, admin: { hidden: true } },
    // `@room`: every member.
    { name: 'mentionsRoom', type: 'checkbox', defaultValue: false },
    {
      // The sender's key for this message: a retry of a send whose answer was lost carries the
      // same key and is refused by the unique index below (409, hooks/answerResend.ts).
      name: 'clientId',
      type: 'text',
      access: { update: nobody },
      validate: clientIdShape,
      admin: { hidden: true },
    },
    { name: 'timestamp', type: 'date', index: true, access: { update: nobody }, admin: { readOnly: true } },
    { name: 'editedAt', type: 'date', access: { update: nobody }, admin: { readOnly: true } },
    // The last edit of `content` was a moderator's, not the sender's (hooks/stampEditedAt.ts).
    {
      name: 'editedByModerator',
      type: 'checkbox',
      defaultValue: false,
      access: { update: nobody },
      admin: { readOnly: true, description: 'The last edit was made by a moderator.' },
    },
  ],
  hooks: {
    beforeOperation: [rejectMalformedRequest, refuseClientTimestamps, refuseModeratorMark, limitMessageRate, refuseAttachmentChange],
    beforeValidate: [setSenderAndTimestamp, keepImmutableFields, checkRoomMembership, keepMemberMentions, attachUploads],
    beforeChange: [stampEditedAt, refuseBlockedDirectMessage],
    afterChange: [claimAttachments, wakeStreamAfterChange, logModeratorEdit],
    beforeDelete: [recordRemover, deleteMessageAttachments],
    afterDelete: [wakeStreamAfterDelete, logModeratorRemoval],
    afterError: [answerResend],
  },
  indexes: [{ fields: ['sender', 'clientId'], unique: true }],
  timestamps: true,
}
