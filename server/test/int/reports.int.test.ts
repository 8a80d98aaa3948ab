// Reports (#15): a member reports a message they can read, once while it is open; admins resolve
// it (remove the message, suspend its author, dismiss) through POST /api/reports/:id/resolve or in
// the panel; every open and resolve is a change row on the admin scope only.
import { describe, expect, it } from 'vitest'

import { changeFeedOf } from '../../src/db'
import { claimOpenReport } from '../../src/db/report-claim'
import { type Cast, send, useServerWithCast } from '../helpers/fixtures'
import type { TestServer } from '../helpers/http-server'
import { ADMIN_REPORT_FIELDS, entriesAfter as auditAfter, lastEntryId as lastAuditId } from '../helpers/moderation'
import { openStream, parseData } from '../helpers/sse-client'

let server: TestServer
let cast: Cast
useServerWithCast((s, c) => ((server = s), (cast = c)))

// The feed as the stream reads it, on whichever database the run uses (TEST_DATABASE=postgres).
const latestChangeId = () => changeFeedOf(server.payload).latest()
const readEvents = (options: { after: number; limit: number; userId?: number }) => changeFeedOf(server.payload).read(options)

const report = (message: unknown, token: string, extra: object = {}) =>
  cast.client.post('/api/reports', { message, reason: 'abuse', note: 'please look', ...extra }, token)
const resolve = (id: number, body: unknown, token?: string) => cast.client.post(`/api/reports/${id}/resolve`, body, token)
const stored = (id: number) => server.payload.findByID({ collection: 'reports', id, depth: 0, overrideAccess: true })

const entriesAfter = async (id: number) => (await auditAfter(server.payload, id)).map((d) => [d.action, d.targetId, d.after ?? null])
const lastEntryId = () => lastAuditId(server.payload)

describe('POST /api/reports', () => {
  it('files a report by the logged-in member with a snapshot of the message; the reporter sees only their side', async () => {
    const message = await send(server.url, cast.bob, cast.alice, 'you are an idiot')
    const created = await report(message.id, cast.alice.token)
    expect(created.status).toBe(201)
    expect(created.body.doc).toMatchObject({ message: { id: message.id }, reason: 'abuse', note: 'please look', status: 'open' })
    // Admin-only fields are not shown to the reporter.
    for (const field of ADMIN_REPORT_FIELDS) expect(created.body.doc).not.toHaveProperty(field)

    const doc = await stored(created.body.doc.id)
    expect(doc).toMatchObject({ reporter: cast.alice.id, reportedMessageId: message.id, content: 'you are an idiot', author: cast.bob.id, receiver: cast.alice.id, room: null, status: 'open' })
  })

  it('answers 404 alike for a message the member cannot read and one that does not exist', async () => {
    const private_ = await send(server.url, cast.alice, cast.bob, 'between A and B')
    const unreadable = await report(private_.id, cast.carol.token)
    const missing = await report(99999999, cast.carol.token)
    expect([unreadable.status, missing.status]).toEqual([404, 404])
    expect(unreadable.body).toEqual(missing.body)
    expect(unreadable.body).toEqual({ errors: [{ message: 'Message not found.' }] })
  })

  it('refuses your own message, a reason outside the list, anonymous, and fields the server sets', async () => {
    const mine = await send(server.url, cast.alice, cast.bob, 'my own words')
    const theirs = await send(server.url, cast.bob, cast.alice, 'their words')
    const before = await latestChangeId()
    const own = await report(mine.id, cast.alice.token)
    expect([own.status, own.body.errors[0].message]).toEqual([400, 'You cannot report your own message.'])
    expect((await report(theirs.id, cast.alice.token, { reason: 'ugly' })).status).toBe(400)
    expect((await report('abc', cast.alice.token)).status).toBe(400)
    expect((await report(theirs.id, cast.alice.token, { note: 'x'.repeat(501) })).status).toBe(400)
    expect((await report(theirs.id, cast.alice.token, { note: 'bell \u0007' })).status).toBe(400)
    expect((await cast.client.post('/api/reports', { message: theirs.id, reason: 'spam' })).status).toBe(401)
    for (const forged of [{ reporter: cast.carol.id }, { status: 'resolved' }, { resolution: 'dismissed' }, { content: 'other words' }, { author: cast.carol.id }]) {
      const refused = await report(theirs.id, cast.alice.token, forged)
      expect([refused.status, refused.body.errors[0].message]).toEqual([400, expect.stringContaining('set by the server')])
    }
    // Nothing was filed.
    expect((await readEvents({ after: before, limit: 100 })).events.filter((e) => e.type === 'report.changed')).toEqual([])
  })

  it('allows one open report per member and message (409, also when sent at once), and another once it is resolved', async () => {
    const message = await send(server.url, cast.bob, cast.carol, 'spammy link')
    const answers = await Promise.all(Array.from({ length: 5 }, () => report(message.id, cast.carol.token, { reason: 'spam' })))
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409])
    const conflict = answers.find((a) => a.status === 409)!
    expect(conflict.body.errors[0].message).toMatch(/already reported/)

    const first = answers.find((a) => a.status === 201)!.body.doc.id
    expect((await resolve(first, { action: 'dismiss' }, cast.admin.token)).status).toBe(200)
    // The reporter learns it was handled, not how (a suspension is not theirs to know).
    const seen = await cast.client.get(`/api/reports/${first}`, cast.carol.token)
    expect(seen.body.status).toBe('resolved')
    expect(seen.body).not.toHaveProperty('resolution')
    expect((await report(message.id, cast.carol.token, { reason: 'spam' })).status).toBe(201)
  })

  it('GET lists only the member’s own reports, without the admin-only fields; admins read all', async () => {
    const message = await send(server.url, cast.alice, cast.bob, 'reported by Bob')
    await report(message.id, cast.bob.token)
    const own = await cast.client.get('/api/reports?limit=100', cast.bob.token)
    expect(own.status).toBe(200)
    expect(own.body.docs.length).toBeGreaterThan(0)
    const all = await cast.client.get('/api/reports?limit=100', cast.admin.token)
    const bobs = all.body.docs.filter((d: any) => d.reporter?.id === cast.bob.id).map((d: any) => d.id)
    expect(own.body.docs.map((d: any) => d.id).sort()).toEqual(bobs.sort())
    expect(all.body.docs.length).toBeGreaterThan(own.body.docs.length)
    for (const doc of own.body.docs) for (const field of ADMIN_REPORT_FIELDS) expect(doc).not.toHaveProperty(field)
    // Someone else's report by id: not found.
    const othersId = all.body.docs.find((d: any) => d.reporter?.id !== cast.bob.id).id
    expect((await cast.client.get(`/api/reports/${othersId}`, cast.bob.token)).status).toBe(404)
  })
})

describe('POST /api/reports/:id/resolve', () => {
  it('is for admins: 401 anonymous, 403 members, 404 unknown, 400 bad action, 409 when already resolved', async () => {
    const message = await send(server.url, cast.bob, cast.alice, 'resolve me')
    const id = (await report(message.id, cast.alice.token)).body.doc.id
    expect((await resolve(id, { action: 'dismiss' })).status).toBe(401)
    expect((await resolve(id, { action: 'dismiss' }, cast.alice.token)).status).toBe(403)
    expect((await resolve(99999999, { action: 'dismiss' }, cast.admin.token)).status).toBe(404)
    // Names every object has (its prototype's) are not actions either.
    for (const bad of [{ action: 'ban' }, { action: 'toString' }, { action: 'constructor' }, { action: '__proto__' }, { action: 'hasOwnProperty' }, {}, { action: 'suspend', until: 'tomorrow' }, { action: 'dismiss', until: '2099-01-01T00:00:00Z' }]) {
      expect((await resolve(id, bad, cast.admin.token)).status).toBe(400)
    }
    expect((await stored(id)).status).toBe('open')

    const audit = await lastEntryId()
    const dismissed = await resolve(id, { action: 'dismiss' }, cast.admin.token)
    expect(dismissed.status).toBe(200)
    expect(dismissed.body.doc).toMatchObject({ id, status: 'resolved', resolution: 'dismissed', resolvedBy: cast.admin.id })
    expect(Date.parse(dismissed.body.doc.resolvedAt)).not.toBeNaN()
    expect(await entriesAfter(audit)).toEqual([['report.resolved', id, 'dismissed']])

    const again = await resolve(id, { action: 'remove' }, cast.admin.token)
    expect([again.status, again.body.errors[0].message]).toEqual([409, 'This report is already resolved.'])
    expect(await server.payload.findByID({ collection: 'messages', id: message.id, overrideAccess: true, disableErrors: true })).not.toBeNull()
  })

  it('remove: deletes the message as a moderator and resolves every open report of it', async () => {
    const message = await send(server.url, cast.bob, cast.alice, 'reported twice')
    const byAlice = (await report(message.id, cast.alice.token)).body.doc.id
    const byAdminToo = (await report(message.id, cast.admin.token, { reason: 'spam' })).body.doc.id
    const start = await latestChangeId()
    const audit = await lastEntryId()

    const removed = await resolve(byAlice, { action: 'remove' }, cast.admin.token)
    expect(removed.status).toBe(200)
    expect(removed.body.doc).toMatchObject({ status: 'resolved', resolution: 'removed', message: null, reportedMessageId: message.id })
    expect(await stored(byAdminToo)).toMatchObject({ status: 'resolved', resolution: 'removed', resolvedBy: cast.admin.id })

    const { events } = await readEvents({ after: start, limit: 100 })
    expect(events.find((e) => e.type === 'message.deleted')?.data).toMatchObject({ id: message.id, by: 'moderator' })
    expect((await entriesAfter(audit)).map(([action, id]) => [action, id]).sort()).toEqual(
      [
        ['message.removed', message.id],
        ['report.resolved', byAlice],
        ['report.resolved', byAdminToo],
      ].sort(),
    )
  })

  it('suspend: suspends the author (through the users collection) and resolves this report only', async () => {
    const author = await cast.client.signUp('Troll', `troll-${Date.now()}@test.io`)
    const message = await send(server.url, author, cast.alice, 'troll words')
    const id = (await report(message.id, cast.alice.token)).body.doc.id
    const other = (await report(message.id, cast.admin.token)).body.doc.id

    const suspended = await resolve(id, { action: 'suspend', reason: 'abuse' }, cast.admin.token)
    expect(suspended.status).toBe(200)
    expect(suspended.body.doc).toMatchObject({ status: 'resolved', resolution: 'suspended' })
    const user = await server.payload.findByID({ collection: 'users', id: author.id, overrideAccess: true })
    expect([user.suspended, user.suspendedReason]).toEqual([true, 'abuse'])
    expect((await stored(other)).status).toBe('open')
    // The message stays until a moderator removes it.
    expect(await server.payload.findByID({ collection: 'messages', id: message.id, overrideAccess: true, disableErrors: true })).not.toBeNull()
  })
})

describe('resolving in the admin panel (PATCH /api/reports/:id)', () => {
  it('records who resolved it and when, writes the entry, and keeps a resolved report as it was', async () => {
    const message = await send(server.url, cast.bob, cast.alice, 'panel case')
    const id = (await report(message.id, cast.alice.token)).body.doc.id
    expect((await cast.client.patch(`/api/reports/${id}`, { status: 'resolved' }, cast.admin.token)).status).toBe(400)
    expect((await cast.client.patch(`/api/reports/${id}`, { resolution: 'dismissed' }, cast.admin.token)).status).toBe(400)
    expect((await cast.client.patch(`/api/reports/${id}`, { status: 'resolved', resolution: 'dismissed' }, cast.alice.token)).status).toBe(403)

    const audit = await lastEntryId()
    const patched = await cast.client.patch(`/api/reports/${id}`, { status: 'resolved', resolution: 'dismissed', resolvedBy: cast.alice.id }, cast.admin.token)
    expect(patched.status).toBe(200)
    expect(await stored(id)).toMatchObject({ status: 'resolved', resolution: 'dismissed', resolvedBy: cast.admin.id })
    expect(await entriesAfter(audit)).toEqual([['report.resolved', id, 'dismissed']])

    expect((await cast.client.patch(`/api/reports/${id}`, { status: 'open', resolution: null }, cast.admin.token)).status).toBe(409)
    expect((await cast.client.patch(`/api/reports/${id}`, { resolution: 'removed' }, cast.admin.token)).status).toBe(409)
    // Saving the form again unchanged is no change.
    expect((await cast.client.patch(`/api/reports/${id}`, { status: 'resolved', resolution: 'dismissed' }, cast.admin.token)).status).toBe(200)
    expect(await entriesAfter(audit)).toHaveLength(1)
  })
})

describe('report change rows', () => {
  it('are written when a report opens and when it is resolved, for the admin scope only: no member replays one', async () => {
    const start = await latestChangeId()
    const message = await send(server.url, cast.bob, cast.alice, 'feed case')
    const id = (await report(message.id, cast.alice.token)).body.doc.id
    await resolve(id, { action: 'dismiss' }, cast.admin.token)
    const last = await send(server.url, cast.bob, cast.alice, 'after the report')

    const { events } = await readEvents({ after: start, limit: 100 })
    const reports = events.filter((e) => e.type === 'report.changed')
    expect(reports.map((e) => [e.audience, e.data])).toEqual([
      [['scope:all'], { id, message: message.id, status: 'open', resolution: null }],
      [['scope:all'], { id, message: message.id, status: 'resolved', resolution: 'dismissed' }],
    ])
    for (const user of [cast.alice, cast.bob, cast.admin]) {
      const mine = await readEvents({ after: start, limit: 100, userId: user.id })
      expect(mine.events.filter((e) => e.type === 'report.changed')).toEqual([])
    }
    // The reporter's and the author's replays over the wire: the DMs, no report.
    for (const member of [cast.alice, cast.bob]) {
      const stream = await openStream(server.url, { token: member.token, lastEventId: String(start) })
      const seen = await stream.waitFor((all) => all.some((e) => e.id === String(events.find((x) => x.type === 'message.created' && x.data.id === last.id)!.id)))
      stream.close()
      expect(seen.filter((e) => e.event === 'report.changed')).toEqual([])
      expect(seen.filter((e) => e.event === 'message.created')).toHaveLength(2)
    }
  })
})

describe('resolving: what the report and the trail say happened, happened', () => {
  const messageExists = async (id: number) => (await server.payload.findByID({ collection: 'messages', id, overrideAccess: true, disableErrors: true })) !== null

  it('the panel may only dismiss: removed and suspended are the endpoint’s, which does them', async () => {
    const message = await send(server.url, cast.bob, cast.alice, 'panel shortcut')
    const id = (await report(message.id, cast.alice.token)).body.doc.id
    const audit = await lastEntryId()
    for (const resolution of ['removed', 'suspended']) {
      const refused = await cast.client.patch(`/api/reports/${id}`, { status: 'resolved', resolution }, cast.admin.token)
      expect([refused.status, refused.body.errors[0].message]).toEqual([400, expect.stringContaining("use the report's actions")])
    }
    expect(await stored(id)).toMatchObject({ status: 'open', resolution: null })
    expect(await messageExists(message.id)).toBe(true)
    expect(await entriesAfter(audit)).toEqual([])
  })

  it('keeps the moderator’s reason in the audit entries of every action', async () => {
    const audit = await lastEntryId()
    const dismissed = await send(server.url, cast.bob, cast.alice, 'not abusive')
    const removed = await send(server.url, cast.bob, cast.alice, 'abusive')
    const dismissId = (await report(dismissed.id, cast.alice.token)).body.doc.id
    const removeId = (await report(removed.id, cast.alice.token)).body.doc.id
    expect((await resolve(dismissId, { action: 'dismiss', reason: 'banter between friends' }, cast.admin.token)).status).toBe(200)
    expect((await resolve(removeId, { action: 'remove', reason: 'insult' }, cast.admin.token)).status).toBe(200)
    const entries = (await auditAfter(server.payload, audit)).map((d) => [d.action, d.targetId, d.reason])
    expect(entries).toEqual([
      ['report.resolved', dismissId, 'banter between friends'],
      ['message.removed', removed.id, 'insult'],
      ['report.resolved', removeId, 'insult'],
    ])
  })

  it('remove of a message its sender already deleted: 409, and the report stays open to dismiss', async () => {
    const message = await send(server.url, cast.bob, cast.alice, 'deleted before the moderator came')
    const id = (await report(message.id, cast.alice.token)).body.doc.id
    expect((await cast.client.del(`/api/messages/${message.id}`, cast.bob.token)).status).toBe(200)
    const audit = await lastEntryId()
    const gone = await resolve(id, { action: 'remove' }, cast.admin.token)
    expect([gone.status, gone.body.errors[0].message]).toEqual([409, 'The message is already gone: dismiss the report instead.'])
    expect(await stored(id)).toMatchObject({ status: 'open', resolution: null })
    expect(await entriesAfter(audit)).toEqual([])
    expect((await resolve(id, { action: 'dismiss' }, cast.admin.token)).body.doc).toMatchObject({ status: 'resolved', resolution: 'dismissed' })
  })

  it('two moderators at once: one acts, the other gets a 409 and does nothing', async () => {
    const cases = await Promise.all(
      Array.from({ length: 6 }, async (_, i) => {
        const message = await send(server.url, cast.bob, cast.carol, `race ${i}`)
        return { message: message.id, id: (await report(message.id, cast.carol.token)).body.doc.id as number }
      }),
    )
    const audit = await lastEntryId()
    const answers = await Promise.all(
      cases.map(({ id }) => Promise.all([resolve(id, { action: 'remove' }, cast.admin.token), resolve(id, { action: 'dismiss' }, cast.admin.token)])),
    )
    const entries = await auditAfter(server.payload, audit)
    for (const [i, [remove, dismiss]] of answers.entries()) {
      const { id, message } = cases[i]
      expect([remove.status, dismiss.status].sort()).toEqual([200, 409])
      const winner = remove.status === 200 ? 'removed' : 'dismissed'
      expect((await stored(id)).resolution).toBe(winner)
      // The message is gone exactly when the report says it was removed.
      expect(await messageExists(message)).toBe(winner === 'dismissed')
      expect(entries.filter((e) => e.action === 'report.resolved' && e.targetId === id)).toHaveLength(1)
    }
  })

  it('the claim is one conditional update: of several at once exactly one wins, and it writes one change row', async () => {
    const message = await send(server.url, cast.bob, cast.carol, 'claimed once')
    const id = (await report(message.id, cast.carol.token)).body.doc.id
    const start = await latestChangeId()
    const at = new Date().toISOString()
    const wins = await Promise.all(
      (['removed', 'dismissed', 'suspended'] as const).map((resolution) => claimOpenReport(server.payload, id, { resolution, by: cast.admin.id, at })),
    )
    expect(wins.filter(Boolean)).toHaveLength(1)
    expect(await claimOpenReport(server.payload, id, { resolution: 'dismissed', by: cast.admin.id, at })).toBe(false)
    const { events } = await readEvents({ after: start, limit: 100 })
    // Resolutions only: on PostgreSQL the report's own `open` row may be numbered after `start`
    // (latest() does not wait for a sequencer already running elsewhere; the row is delivered later).
    const resolutions = events.filter((e) => e.type === 'report.changed' && e.data.status === 'resolved').map((e) => e.data)
    expect(resolutions).toEqual([
      { id, message: message.id, status: 'resolved', resolution: (['removed', 'dismissed', 'suspended'] as const)[wins.indexOf(true)] },
    ])
  })

  it('a report names a message by id: true, lists and other shapes are a 400', async () => {
    const message = await send(server.url, cast.bob, cast.alice, 'shapes')
    for (const bad of [true, false, [message.id], { id: true }, { id: [message.id] }]) {
      const refused = await report(bad, cast.alice.token)
      expect([refused.status, refused.body.errors[0].message]).toEqual([400, '"message" must be the id of the message you report.'])
    }
    expect((await report({ id: message.id }, cast.alice.token)).status).toBe(201)
  })
})

describe('a member’s live stream', () => {
  it('never carries report.changed while reports are filed and resolved', async () => {
    const streams = await Promise.all([cast.alice, cast.bob].map((m) => openStream(server.url, { token: m.token })))
    await Promise.all(streams.map((s) => s.ready()))
    const message = await send(server.url, cast.bob, cast.alice, 'live report case')
    const id = (await report(message.id, cast.alice.token)).body.doc.id
    await resolve(id, { action: 'dismiss' }, cast.admin.token)
    // A message after both report changes: once it arrives, anything before it has been delivered.
    const last = await send(server.url, cast.alice, cast.bob, 'after the reports')
    for (const stream of streams) {
      const seen = await stream.waitFor((all) => all.some((e) => e.event === 'message.created' && parseData(e).id === last.id))
      stream.close()
      expect(seen.filter((e) => e.event === 'report.changed')).toEqual([])
      expect(seen.filter((e) => e.event === 'message.created')).toHaveLength(2)
    }
  })
})
