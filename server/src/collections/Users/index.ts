import type { CollectionConfig } from 'payload'

import { rejectMalformedRequest } from '../../hooks/rejectMalformedRequest'
import { refuseClientTimestamps } from '../../hooks/refuseClientTimestamps'
import { adminOrSelf, adminOrSelfField } from '../../access/adminOrSelf'
import { authenticated } from '../../access/authenticated'
import { isAdmin, isAdminField, userIsAdmin } from '../../access/isAdmin'
import { signupOpen } from '../../access/signupOpen'
import { trimName } from './hooks/trimName'
import { privateTimestamps } from '../../fields/timestamps'
import { cachedJwtAuthentication } from '../../auth/cachedJwtAuthentication'
import { env } from '../../env'
import { assignFirstUserAdmin } from './hooks/assignFirstUserAdmin'
import { deleteUserData } from './hooks/deleteUserData'
import { deleteUserAvatars, deleteUserUploads } from './hooks/deleteUserUploads'
import { removeReplacedAvatar } from './hooks/removeReplacedAvatar'
import { ownAvatar } from './validators/ownAvatar'
import { avatarEndpoint } from '../../uploads/avatar-endpoint'
import { joinGeneralRoom } from './hooks/joinGeneralRoom'
import { confirmSessionOnRefresh } from './hooks/confirmSessionOnRefresh'
import { endAdminScopeOnDemotion } from './hooks/endAdminScopeOnDemotion'
import { forgetCachedLoginOnChange } from './hooks/forgetCachedLoginOnChange'
import { revokeAccessOnDelete } from './hooks/revokeAccessOnDelete'
import { revokeAccessOnLogout } from './hooks/revokeAccessOnLogout'
import { revokeAccessOnPasswordReset } from './hooks/revokeAccessOnPasswordReset'
import { allowWritableFields } from './hooks/allowWritableFields'
import { hashForUnknownLogin } from './hooks/hashForUnknownLogin'
import { hideOthersPrivateFields } from './hooks/hideOthersPrivateFields'
import { forgetFailuresOnUnlock, limitAuthAttempts, refundSuccessfulLogin } from './hooks/limitAuthAttempts'
import { checkCurrentPassword, requireCurrentPassword } from './hooks/requireCurrentPassword'
import { requireLongPassword } from './hooks/requireLongPassword'
import { refuseMemberSuspensionFields } from './hooks/refuseMemberSuspensionFields'
import { refuseSelfSuspension } from './hooks/refuseSelfSuspension'
import { keepAnActiveAdminInBulk, keepAnActiveAdminOnChange, keepAnActiveAdminOnDelete } from './hooks/keepAnActiveAdmin'
import { endSessionsOnSuspension } from './hooks/endSessionsOnSuspension'
import { refuseSuspendedLogin } from './hooks/refuseSuspendedLogin'
import { hideSessionsWhileSuspended } from './hooks/hideSessionsWhileSuspended'
import { recordUserDeletion, recordUserModeration } from './hooks/recordUserModeration'

export const Users: CollectionConfig = {
  slug: 'users',
  access: {
    admin: ({ req }) => userIsAdmin(req.user),
    create: signupOpen,
    read: authenticated,
    update: adminOrSelf,
    delete: isAdmin,
    // Payload's default lets any logged-in user unlock any account (and learn which emails exist).
    unlock: isAdmin,
  },
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['avatar', 'name', 'email', 'role', 'createdAt'],
    listSearchableFields: ['name', 'email'],
  },
  auth: {
    // Payload's JWT strategy, remembered for AUTH_CACHE_MS; Payload's own runs after it.
    strategies: [cachedJwtAuthentication],
    tokenExpiration: 60 * 60 * 24 * 7,
    // Payload's per-account lockout let a guesser anywhere lock the owner out everywhere: failed
    // logins are limited per (account, address) and per address instead (src/limits).
    maxLoginAttempts: 0,
    cookies: { sameSite: 'Lax', secure: env.serverUrl.startsWith('https://') },
  },
  // GET /api/users/:id/avatar (issue #17).
  endpoints: [avatarEndpoint],
  // Populated users (a message's sender and receiver) carry only id and name.
  defaultPopulate: { name: true },
  fields: [
    // Merged over Payload's own auth email field: only admins and the owner may read it.
    { name: 'email', type: 'email', access: { read: adminOrSelfField } },
    {
      name: 'name',
      type: 'text',
      required: true,
      minLength: 1,
      maxLength: 50,
      hooks: { beforeValidate: [trimName] },
    },
    // A profile picture (issue #17): one of the user's own uploads (collections/Avatars); others
    // fetch it from GET /api/users/:id/avatar.
    // Read like the email (the user and admins): others never filter users by it.
    { name: 'avatar', type: 'upload', relationTo: 'avatars', maxDepth: 0, validate: ownAvatar, access: { read: adminOrSelfField } },
    {
      name: 'role',
      type: 'select',
      required: true,
      defaultValue: 'member',
      options: [
        { label: 'Admin', value: 'admin' },
        { label: 'Member', value: 'member' },
      ],
      saveToJWT: true,
      // A sign-up or self-update that sends a role has it ignored. Others' roles are private:
      // field read access also refuses filtering and sorting on it (`where[role]`, `sort=role`).
      access: { read: adminOrSelfField, create: isAdminField, update: isAdminField },
    },
    // Suspension (issue #15): admins only read and set these, never on themself (hooks).
    {
      name: 'suspended',
      type: 'checkbox',
      defaultValue: false,
      access: { read: isAdminField, create: isAdminField, update: isAdminField },
      admin: { position: 'sidebar', description: 'A suspended user cannot log in; their sessions and streams end.' },
    },
    {
      name: 'suspendedReason',
      type: 'text',
      maxLength: 500,
      access: { read: isAdminField, create: isAdminField, update: isAdminField },
      admin: { position: 'sidebar', condition: (data) => Boolean(data?.suspended) },
    },
    {
      name: 'suspendedUntil',
      type: 'date',
      // A choice an admin makes, not a record of when something happened (refuseClientTimestamps).
      custom: { chosenByClient: true },
      access: { read: isAdminField, create: isAdminField, update: isAdminField },
      admin: {
        position: 'sidebar',
        condition: (data) => Boolean(data?.suspended),
        description: 'Empty: until lifted by an admin.',
        date: { pickerAppearance: 'dayAndTime' },
      },
    },
    // Payload's own timestamps, declared to make them private like the email: `updatedAt` moves
    // with failed logins and unlocks, so sorting or filtering others by it would leak activity.
    ...privateTimestamps(adminOrSelfField),
  ],
  hooks: {
    beforeOperation: [
      rejectMalformedRequest,
      refuseClientTimestamps,
      limitAuthAttempts,
      hashForUnknownLogin,
      allowWritableFields,
      refuseMemberSuspensionFields,
      checkCurrentPassword,
      requireLongPassword,
      confirmSessionOnRefresh,
      keepAnActiveAdminInBulk,
    ],
    beforeLogin: [refuseSuspendedLogin],
    afterLogin: [refundSuccessfulLogin],
    beforeChange: [assignFirstUserAdmin, requireCurrentPassword, refuseSelfSuspension, keepAnActiveAdminOnChange],
    afterChange: [forgetCachedLoginOnChange, endSessionsOnSuspension, endAdminScopeOnDemotion, recordUserModeration, joinGeneralRoom, removeReplacedAvatar],
    beforeDelete: [keepAnActiveAdminOnDelete, deleteUserData, deleteUserUploads],
    afterDelete: [recordUserDeletion, revokeAccessOnDelete, deleteUserAvatars],
    afterLogout: [revokeAccessOnLogout],
    afterOperation: [revokeAccessOnPasswordReset, forgetFailuresOnUnlock],
    afterRead: [hideSessionsWhileSuspended, hideOthersPrivateFields],
  },
  timestamps: true,
}
