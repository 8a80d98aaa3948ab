// Account security over a real HTTP server: who may unlock, answers that say nothing about
// which emails have accounts, what a sign-up may set, and the current password for changing
// one's own password or email.
import crypto from 'node:crypto'
import { describe, expect, it, vi } from 'vitest'

vi.hoisted(() => {
  Object.assign(process.env, { LOGIN_FAILURES_PER_ACCOUNT: '3', LOGIN_FAILURES_PER_IP_PER_DAY: '1000', PASSWORD_RESETS_PER_IP: '3' })
})

import { query, sql } from '../../src/db/sql'
import { api } from '../helpers/api'
import { type Cast, useServerWithCast } from '../helpers/fixtures'
import { clientAt, type RawResponse } from '../helpers/from-address'
import type { TestServer } from '../helpers/http-server'

let server: TestServer
let cast: Cast
useServerWithCast((s, c) => ((server = s), (cast = c)))

// Each test its own addresses, so the login limits of one do not reach another.
let lastAddress = 10
const freshClient = () => clientAt(server.url, `127.0.2.${++lastAddress}`)

// What a caller can compare: status, the headers that could differ, and the body byte for byte.
const answer = (res: RawResponse) => ({
  status: res.status,
  type: res.headers['content-type'],
  cookie: res.headers['set-cookie'],
  retryAfter: res.headers['retry-after'],
  body: res.text,
})

describe('POST /api/users/unlock', () => {
  it('is for admins only; anonymous and members get the same answer for existing and unknown emails', async () => {
    const at = freshClient()
    const unlock = (email: string, token?: string) => at.post('/api/users/unlock', { email }, { token })

    const anonymous = await unlock('alice@test.io')
    expect(anonymous.status).toBe(401)
    expect(answer(await unlock('nobody@test.io'))).toEqual(answer(anonymous))

    const member = await unlock('bob@test.io', cast.alice.token)
    expect(member.status).toBe(403)
    expect(answer(await unlock('nobody@test.io', cast.alice.token))).toEqual(answer(member))
    expect(answer(await unlock('alice@test.io', cast.alice.token))).toEqual(answer(member))

    expect((await unlock('bob@test.io', cast.admin.token)).status).toBe(200)
  })

  it("an admin's unlock ends an account's wait at every address", async () => {
    const guesser = freshClient()
    const login = (password: string) => guesser.post('/api/users/login', { email: 'carol@test.io', password })
    for (let i = 0; i < 3; i++) expect((await login('wrong')).status).toBe(401)
    expect((await login('password-123')).status).toBe(429)
    expect((await freshClient().post('/api/users/unlock', { email: 'Carol@Test.io ' }, { token: cast.admin.token })).status).toBe(200)
    expect((await login('password-123')).status).toBe(200)
  })
})

describe('failed logins', () => {
  it('are answered alike for existing and unknown emails, limit included', async () => {
    const existing = freshClient()
    const unknown = freshClient()
    for (let attempt = 0; attempt < 3; attempt++) {
      const a = await existing.post('/api/users/login', { email: 'alice@test.io', password: `wrong-${attempt}` })
      const b = await unknown.post('/api/users/login', { email: 'ghost@test.io', password: `wrong-${attempt}` })
      expect(a.status).toBe(401)
      expect(answer(b)).toEqual(answer(a))
    }
    // No "locked" for real accounts only: both are refused alike, for the same time.
    const a = await existing.post('/api/users/login', { email: 'alice@test.io', password: 'password-123' })
    const b = await unknown.post('/api/users/login', { email: 'ghost@test.io', password: 'password-123' })
    expect(a.status).toBe(429)
    const sameSecond = (res: RawResponse) => ({ ...answer(res), body: res.text.replace(/\d+/g, 'N'), retryAfter: undefined })
    expect(sameSecond(b)).toEqual(sameSecond(a))
    expect(Math.abs(Number(a.headers['retry-after']) - Number(b.headers['retry-after']))).toBeLessThanOrEqual(2)
  })

  it('hash the password for an unknown email as for a real one (the same PBKDF2 work)', async () => {
    const pbkdf2 = vi.spyOn(crypto, 'pbkdf2')
    try {
      const at = freshClient()
      const hashesFor = async (email: string) => {
        pbkdf2.mockClear()
        expect((await at.post('/api/users/login', { email, password: 'not-the-password' })).status).toBe(401)
        // (password, salt, iterations, key length, digest): the cost of each hash.
        return pbkdf2.mock.calls.map(([, , iterations, keyLength, digest]) => [iterations, keyLength, digest])
      }
      const real = await hashesFor('bob@test.io')
      expect(real).toHaveLength(1)
      expect(await hashesFor('nobody-at-all@test.io')).toEqual(real)
    } finally {
      pbkdf2.mockRestore()
    }
  })
})

describe('POST /api/users/forgot-password', () => {
  const resetToken = async (email: string) =>
    ((await server.payload.db.findOne({ collection: 'users', where: { email: { equals: email } } })) as any)?.resetPasswordToken ?? null

  it('answers alike for existing and unknown emails, and is limited per address whatever the email', async () => {
    await api(server.url).signUp('Fay', 'fay@test.io', 'fay-password-1')
    const existing = freshClient()
    const unknown = freshClient()
    const forgot = (at: ReturnType<typeof freshClient>, email: string) => at.post('/api/users/forgot-password', { email })
    for (let attempt = 0; attempt < 3; attempt++) {
      const a = await forgot(existing, 'fay@test.io')
      const b = await forgot(unknown, 'ghost@test.io')
      expect(a.status).toBe(200)
      expect(answer(b)).toEqual(answer(a))
    }
    // The real account did get a reset token, and it works: the answers are alike, not the work.
    const token = await resetToken('fay@test.io')
    expect(token).toEqual(expect.any(String))
    expect((await freshClient().post('/api/users/reset-password', { token, password: 'fay-password-2' })).status).toBe(200)
    expect((await freshClient().post('/api/users/login', { email: 'fay@test.io', password: 'fay-password-2' })).status).toBe(200)

    // Past PASSWORD_RESETS_PER_IP: refused before any lookup, an existing email like an unknown one.
    const a = await forgot(existing, 'bob@test.io')
    const b = await forgot(unknown, 'nobody@test.io')
    expect(a.status).toBe(429)
    expect(a.body.errors[0].message).toMatch(/Too many password reset requests/)
    const retryAfter = Number(a.headers['retry-after'])
    expect(retryAfter).toBeGreaterThan(0)
    expect(retryAfter).toBeLessThanOrEqual(3600)
    const sameSecond = (res: RawResponse) => ({ ...answer(res), body: res.text.replace(/\d+/g, 'N'), retryAfter: undefined })
    expect(sameSecond(b)).toEqual(sameSecond(a))
    expect(await resetToken('bob@test.io')).toBeNull()

    // Another address is not affected.
    expect((await forgot(freshClient(), 'bob@test.io')).status).toBe(200)
  })
})

describe('sign-up', () => {
  const sessionRows = async () => {
    const [sessions] = await query(server.payload, sql`SELECT COUNT(*) AS n FROM users_sessions`)
    return Number(sessions!.n)
  }

  it('accepts name, email and password only: nothing reaches the auth fields', async () => {
    const before = await sessionRows()
    const forged = { id: 'forged-session', createdAt: '2026-01-01T00:00:00.000Z', expiresAt: '2099-01-01T00:00:00.000Z' }
    const attempts: Record<string, unknown>[] = [
      { sessions: [forged] },
      { hash: 'abc', salt: 'def' },
      { resetPasswordToken: 'known-token', resetPasswordExpiration: '2099-01-01T00:00:00.000Z' },
      { loginAttempts: 0, lockUntil: null },
      { id: 999 },
    ]
    for (const extra of attempts) {
      const email = `mallory-${Object.keys(extra)[0]}@test.io`
      const res = await freshClient().post('/api/users', { name: 'Mallory', email, password: 'password-123', ...extra })
      expect(res.status, JSON.stringify(extra)).toBe(400)
      expect(res.body.errors[0].message).toContain(`remove ${Object.keys(extra).join(', ')}`)
      expect((await server.payload.count({ collection: 'users', where: { email: { equals: email } } })).totalDocs).toBe(0)
    }
    expect(await sessionRows()).toBe(before)
  })

  it('refuses auth fields in updates too, from members and admins', async () => {
    const before = await sessionRows()
    const at = freshClient()
    const forged = [{ id: 'forged', expiresAt: '2099-01-01T00:00:00.000Z' }]
    const own = await at.patch(`/api/users/${cast.bob.id}`, { sessions: forged }, { token: cast.bob.token })
    expect(own.status).toBe(400)
    const admin = await at.patch(`/api/users/${cast.bob.id}`, { hash: 'x', salt: 'y' }, { token: cast.admin.token })
    expect(admin.status).toBe(400)
    expect(await sessionRows()).toBe(before)
  })

  it('tells a taken email apart (the documented trade-off), limited per address like every sign-up', async () => {
    const res = await freshClient().post('/api/users', { name: 'Again', email: 'alice@test.io', password: 'password-123' })
    expect(res.status).toBe(400)
    expect(res.text).toMatch(/already registered/)
  })
})

describe('changing your own password or email', () => {
  it('needs the current password; a wrong one is refused and counted like a failed login', async () => {
    const dave = await api(server.url).signUp('Dave', 'dave@test.io', 'dave-password-1')
    const at = freshClient()
    const patch = (body: Record<string, unknown>) => at.patch(`/api/users/${dave.id}`, body, { token: dave.token })

    const missing = await patch({ password: 'dave-password-2' })
    expect(missing.status).toBe(400)
    expect(missing.body.errors[0].message).toMatch(/current password.*currentPassword/)
    expect((await patch({ email: 'dave2@test.io' })).status).toBe(400)

    const wrong = await patch({ password: 'dave-password-2', currentPassword: 'not-it' })
    expect(wrong.status).toBe(403)
    expect(wrong.body.errors[0].message).toMatch(/current password is incorrect/)
    // Nothing changed: the old password still logs in, the new one does not.
    expect((await at.post('/api/users/login', { email: 'dave@test.io', password: 'dave-password-1' })).status).toBe(200)

    // Unchanged email (as the admin panel sends it) and other fields need nothing.
    expect((await patch({ name: 'David', email: 'DAVE@test.io' })).status).toBe(200)

    const changed = await patch({ password: 'dave-password-2', email: 'dave2@test.io', currentPassword: 'dave-password-1' })
    expect(changed.status).toBe(200)
    expect((await at.post('/api/users/login', { email: 'dave2@test.io', password: 'dave-password-2' })).status).toBe(200)

    // Guessing the current password with a stolen session is limited like the login form.
    const me = await api(server.url).login('dave2@test.io', 'dave-password-2')
    const guess = (n: number) => at.patch(`/api/users/${me.id}`, { password: 'x-password-9', currentPassword: `guess-${n}` }, { token: me.token })
    for (let i = 0; i < 3; i++) expect((await guess(i)).status).toBe(403)
    expect((await guess(3)).status).toBe(429)
  })

  it("lets an admin set another user's password without it, and logs who did it to whom", async () => {
    const info = vi.spyOn(server.payload.logger, 'info')
    try {
      const erin = await api(server.url).signUp('Erin', 'erin@test.io', 'erin-password-1')
      const res = await freshClient().patch(`/api/users/${erin.id}`, { password: 'erin-password-2' }, { token: cast.admin.token })
      expect(res.status).toBe(200)
      expect((await api(server.url).request('POST', '/api/users/login', { body: { email: 'erin@test.io', password: 'erin-password-2' } })).status).toBe(200)
      const lines = info.mock.calls.map((call) => String(call[0])).filter((line) => /new password/.test(line))
      expect(lines).toEqual([`admin ${cast.admin.id} (admin@test.io) set a new password for user ${erin.id}`])

      // Their own password, though, needs the current one like anyone's.
      const own = await freshClient().patch(`/api/users/${cast.admin.id}`, { password: 'admin-password-2' }, { token: cast.admin.token })
      expect(own.status).toBe(400)
    } finally {
      info.mockRestore()
    }
  })
})
