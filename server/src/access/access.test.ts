// The access rules as functions: what each returns for nobody, a member and an admin, over REST
// and elsewhere. The integration tests (access.int, access-matrix.int) check the same rules
// through Payload; these pin every branch in milliseconds, so mutation testing can run on them.
import type { PayloadRequest, SanitizedConfig } from 'payload'
import { afterEach, describe, expect, it } from 'vitest'

import type { SQL } from '../db/sql'
import { env } from '../env'
import { adminOnlyLocks } from './adminOnlyLocks'
import { adminOrSelf, adminOrSelfField } from './adminOrSelf'
import { authenticated, requireUser } from './authenticated'
import { isAdmin, isAdminField, userIsAdmin } from './isAdmin'
import { nobody } from './nobody'
import { ownerOrAdmin } from './ownerOrAdmin'
import { ownMembershipField } from './ownMembershipField'
import { participantOrAdmin } from './participantOrAdmin'
import { membershipOfVisibleRoom, publicOrOwnRoom } from './roomReaders'
import { roomOwnerOrAdmin } from './roomOwnerOrAdmin'
import { senderOrAdmin } from './senderOrAdmin'
import { signupOpen } from './signupOpen'

const member = { id: 7, role: 'member' }
const admin = { id: 1, role: 'admin' }

// The rooms the member is in (room 3, which they own, and room 4), as room_memberships answers.
const memberships = [
  { room_id: 3, role: 'owner' },
  { room_id: 4, role: 'member' },
]
// The SQL seam (db/sql.ts) runs statements through the adapter's `execute`; this one reads the
// statement's text (each parameter as `?`) and answers from `memberships`.
const textOf = (statement: SQL): string =>
  statement.queryChunks
    .map((chunk) => {
      if (typeof chunk !== 'object' || chunk === null) return '?'
      if ('queryChunks' in chunk) return textOf(chunk as SQL)
      const { value } = chunk as { value?: unknown }
      return Array.isArray(value) ? value.join('') : '?'
    })
    .join('')
const payload = {
  db: {
    name: 'sqlite',
    drizzle: {},
    execute: async ({ sql }: { sql: SQL }) => ({
      rows: memberships.filter((m) => !textOf(sql).includes('role = ?') || m.role === 'owner'),
    }),
  },
}
function req(user: object | null, { api = 'REST', pathname = '/api/messages' }: { api?: string; pathname?: string } = {}) {
  return { user, payloadAPI: api, pathname, payload, t: (key: string) => key } as unknown as PayloadRequest
}
const args = (r: PayloadRequest) => ({ req: r }) as any

describe('requireUser', () => {
  it('is the user when there is one', () => {
    expect(requireUser(req(member))).toBe(member)
  })

  it('answers 401 over REST without a user, but not to the permission queries', () => {
    for (const pathname of ['/api/messages', '/api/users/me', '/api/accessx', '/api/a/b/access', '/x/api/access', '/api/messages/5']) {
      expect(() => requireUser(req(null, { pathname })), pathname).toThrow(expect.objectContaining({ status: 401 }))
    }
    for (const pathname of ['/api/access', '/api/access/', '/api/messages/access/5', '/api/payload-locked-documents/access']) {
      expect(requireUser(req(null, { pathname })), pathname).toBeNull()
    }
    expect(() => requireUser(req(null, { pathname: undefined as unknown as string }))).toThrow(expect.objectContaining({ status: 401 }))
  })

  it('denies without throwing outside REST (Local API, admin panel)', () => {
    for (const api of ['local', 'GraphQL']) expect(requireUser(req(null, { api }))).toBeNull()
  })
})

describe('collection rules', () => {
  const rules = {
    authenticated,
    isAdmin,
    adminOrSelf,
    ownerOrAdmin,
    participantOrAdmin,
    senderOrAdmin,
    publicOrOwnRoom,
    membershipOfVisibleRoom,
    roomOwnerOrAdmin,
  }
  const memberRule = (name: keyof typeof rules) => rules[name](args(req(member)))

  it('deny a call on behalf of nobody', async () => {
    for (const [name, rule] of Object.entries(rules)) expect(await rule(args(req(null, { api: 'local' }))), name).toBe(false)
  })

  it('give an admin everything', async () => {
    for (const [name, rule] of Object.entries(rules)) expect(await rule(args(req(admin))), name).toBe(true)
  })

  it('give a member their own documents and the rooms they are in now', async () => {
    expect(await memberRule('authenticated')).toBe(true)
    expect(await memberRule('isAdmin')).toBe(false)
    expect(await memberRule('adminOrSelf')).toEqual({ id: { equals: 7 } })
    expect(await memberRule('ownerOrAdmin')).toEqual({ user: { equals: 7 } })
    expect(await memberRule('senderOrAdmin')).toEqual({
      and: [{ sender: { equals: 7 } }, { or: [{ receiver: { exists: true } }, { room: { in: [3, 4] } }] }],
    })
    expect(await memberRule('participantOrAdmin')).toEqual({
      or: [{ receiver: { equals: 7 } }, { and: [{ sender: { equals: 7 } }, { receiver: { exists: true } }] }, { room: { in: [3, 4] } }],
    })
    expect(await memberRule('publicOrOwnRoom')).toEqual({ or: [{ visibility: { equals: 'public' } }, { id: { in: [3, 4] } }] })
    expect(await memberRule('membershipOfVisibleRoom')).toEqual({
      or: [{ 'room.visibility': { equals: 'public' } }, { room: { in: [3, 4] } }],
    })
    expect(await memberRule('roomOwnerOrAdmin')).toEqual({ id: { in: [3] } })
  })

  it('leave the room clauses out for a member of no room', async () => {
    const saved = memberships.splice(0)
    try {
      expect(await memberRule('participantOrAdmin')).toEqual({
        or: [{ receiver: { equals: 7 } }, { and: [{ sender: { equals: 7 } }, { receiver: { exists: true } }] }],
      })
      expect(await memberRule('senderOrAdmin')).toEqual({ and: [{ sender: { equals: 7 } }, { or: [{ receiver: { exists: true } }] }] })
      expect(await memberRule('publicOrOwnRoom')).toEqual({ or: [{ visibility: { equals: 'public' } }] })
      expect(await memberRule('membershipOfVisibleRoom')).toEqual({ or: [{ 'room.visibility': { equals: 'public' } }] })
      expect(await memberRule('roomOwnerOrAdmin')).toBe(false)
    } finally {
      memberships.push(...saved)
    }
  })
})

describe('field rules', () => {
  const field = (user: object | null, doc?: object) => ({ req: req(user), doc }) as any

  it('show a user’s private fields to that user and to admins', () => {
    expect(adminOrSelfField(field(member, { id: 7 }))).toBe(true)
    expect(adminOrSelfField(field(member, { id: 8 }))).toBe(false)
    expect(adminOrSelfField(field(admin, { id: 8 }))).toBe(true)
    expect(adminOrSelfField(field(null, { id: 7 }))).toBe(false)
    // Neither user nor document: undefined === undefined must not count as "self".
    expect(adminOrSelfField(field(null))).toBe(false)
    // A member and no document (a create, or the admin panel asking for field permissions): denied, no throw.
    expect(adminOrSelfField(field(member))).toBe(false)
  })

  it('a membership’s read position and notification level: its member and admins', () => {
    expect(ownMembershipField(field(member, { user: 7 }))).toBe(true)
    expect(ownMembershipField(field(member, { user: { id: 7, name: 'M' } }))).toBe(true)
    expect(ownMembershipField(field(member, { user: 8 }))).toBe(false)
    expect(ownMembershipField(field(admin, { user: 8 }))).toBe(true)
    expect(ownMembershipField(field(null, { user: undefined }))).toBe(false)
    expect(ownMembershipField(field(member))).toBe(false)
  })
  it('admin-only fields', () => {
    expect([isAdminField(field(admin)), isAdminField(field(member)), isAdminField(field(null))]).toEqual([true, false, false])
    expect([userIsAdmin(admin), userIsAdmin(member), userIsAdmin(null), userIsAdmin({ role: null })]).toEqual([true, false, false, false])
  })

  // The fields would not change either way (keepImmutableFields puts them back); this rule is what
  // makes the admin panel show them read-only.
  it('nobody may update an immutable field, not even an admin', () => {
    expect(nobody(field(admin))).toBe(false)
  })
})

describe('signupOpen', () => {
  const enabled = env.signupEnabled
  afterEach(() => {
    env.signupEnabled = enabled
  })

  it('lets anyone sign up while sign-up is enabled', () => {
    env.signupEnabled = true
    expect(signupOpen(args(req(null)))).toBe(true)
    expect(signupOpen(args(req(member)))).toBe(true)
  })

  it('lets only admins create users while it is disabled', () => {
    env.signupEnabled = false
    expect(signupOpen(args(req(null)))).toBe(false)
    expect(signupOpen(args(req(member)))).toBe(false)
    expect(signupOpen(args(req(admin)))).toBe(true)
  })
})

describe('adminOnlyLocks', () => {
  it("gives the admin panel's document locks to admins only, leaving other collections alone", () => {
    const other = { slug: 'messages', access: { read: authenticated } }
    const locks = { slug: 'payload-locked-documents', access: { admin: authenticated, read: authenticated } }
    const config = { collections: [other, locks] } as unknown as SanitizedConfig
    expect(adminOnlyLocks(config)).toBe(config)
    expect(locks.access).toEqual({ admin: authenticated, read: isAdmin, create: isAdmin, update: isAdmin, delete: isAdmin })
    expect(other.access).toEqual({ read: authenticated })
    const without = { collections: [other] } as unknown as SanitizedConfig
    expect(adminOnlyLocks(without)).toBe(without)
  })
})
