// Browser end-to-end, moderation as a member sees it (#15): reporting a message with the keyboard
// and reading its state under "My reports", blocking a person (their DM refused both ways, their
// room messages folded away), unblocking; a suspension ending the session, and the login's
// refusal saying until when. The admin's side is moderation.e2e.ts.
// Needs `pnpm build` at the repository root first, and Chromium at /usr/bin/chromium.
import { BLOCKED_MESSAGE, type RoomsResponse } from '@payload-chat/server/protocol'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ApiUser, bubble, composer, messageAction, messageRow, openChat, person, roomEntry, send, startScene, type ChatPage, type ProductionServer } from './harness'

let server: ProductionServer
let browser: Browser
let stop: (() => Promise<void>) | undefined
let alice: ChatPage
let bob: ChatPage
let aliceApi: ApiUser
let bobApi: ApiUser
let adminApi: ApiUser
let general: number

const postInGeneral = (user: ApiUser, content: string) =>
  user.request<{ doc: { id: number } }>('POST', '/api/messages', { room: general, content }).then((r) => r.doc)
const openGeneral = async (page: Page) => {
  await roomEntry(page, 'general').click()
  await page.getByRole('log', { name: 'Messages in #general' }).waitFor()
}
const dmHeader = (page: Page, name: string) => page.getByRole('region', { name: `Conversation with ${name}` })

beforeAll(async () => {
  const scene = await startScene('moderation-member')
  server = scene.server
  browser = scene.browser
  stop = scene.stop
  aliceApi = await ApiUser.login(server.url, 'alice@example.com', 'alice-password')
  bobApi = await ApiUser.login(server.url, 'bob@example.com', 'bob-password')
  adminApi = await ApiUser.login(server.url, 'admin@example.com', 'admin-password')
  const { rooms } = await aliceApi.request<RoomsResponse>('GET', '/api/rooms')
  general = rooms.find((room) => room.name === 'general')!.id
  alice = await openChat(browser, server.url, 'alice@example.com', 'alice-password')
  bob = await openChat(browser, server.url, 'bob@example.com', 'bob-password')
})

afterAll(async () => {
  await stop?.()
})

describe('moderation for members', () => {
  it('reports a message with the keyboard, once, and sees the report under My reports', async () => {
    const reported = await postInGeneral(bobApi, 'Cheap watches, click here')
    await openGeneral(alice.page)
    const row = messageRow(alice.page, 'Cheap watches')
    await row.waitFor()
    // Bob's message offers Report (last in its menu); Alice's own would offer Edit and Delete instead.
    const report = row.getByRole('button', { name: 'More actions' })
    await report.focus()
    await alice.page.keyboard.press('Enter')
    await alice.page.keyboard.press('End')
    await alice.page.keyboard.press('Enter')
    const dialog = alice.page.getByRole('dialog', { name: 'Report this message' })
    await dialog.waitFor()
    // The focus is on the first reason: Space picks it, Tab goes on to the note, then Cancel, Send.
    expect(await dialog.getByRole('radio', { name: 'Spam' }).evaluate((el) => el === document.activeElement)).toBe(true)
    await alice.page.keyboard.press('Space')
    await alice.page.keyboard.press('Tab')
    await alice.page.keyboard.type('Third time today')
    await alice.page.keyboard.press('Tab')
    await alice.page.keyboard.press('Tab')
    await alice.page.keyboard.press('Enter')
    await dialog.waitFor({ state: 'detached' })
    await expect.poll(() => row.getByRole('status').textContent()).toBe('Reported. Moderators will review it.')
    expect(await report.evaluate((el) => el === document.activeElement)).toBe(true)

    // The moderators have it, once, with what Alice said.
    const query = `where[message][equals]=${reported.id}&depth=0&limit=10`
    const queue = await adminApi.request<{ docs: { reason: string; note: string; status: string }[] }>('GET', `/api/reports?${query}`)
    expect(queue.docs).toEqual([expect.objectContaining({ reason: 'spam', note: 'Third time today', status: 'open' })])

    // A second report of the same message while the first is open: said, not sent twice.
    await messageAction(alice.page, 'Cheap watches', 'Report')
    await dialog.getByRole('radio', { name: 'Other' }).check()
    await dialog.getByRole('button', { name: 'Send report' }).click()
    await expect.poll(() => row.getByRole('status').textContent()).toBe('You already reported this message.')
    expect((await adminApi.request<{ docs: unknown[] }>('GET', `/api/reports?${query}`)).docs).toHaveLength(1)

    await alice.page.getByRole('button', { name: 'My reports' }).click()
    const mine = alice.page.getByRole('list', { name: 'Your reports' }).getByRole('listitem')
    await expect.poll(() => mine.allTextContents()).toEqual([expect.stringMatching(/^Cheap watches, click hereSpam · .+Open: waiting for a moderator$/)])
    await alice.page.getByRole('button', { name: 'Close' }).click()
  })

  it('blocks a person: the DM is refused both ways and their room messages are folded away', async () => {
    await person(alice.page, 'Bob').click()
    await dmHeader(alice.page, 'Bob').getByRole('button', { name: 'Block' }).click()
    const confirm = alice.page.getByRole('alertdialog', { name: 'Block Bob?' })
    await confirm.getByRole('button', { name: 'Block' }).click()
    await alice.page.getByText('You blocked Bob. Unblock to send messages.').waitFor()
    expect(await composer(alice.page).count()).toBe(0)

    // Bob writes to Alice: the server refuses it, and his chat says why on the message.
    await person(bob.page, 'Alice').click()
    await send(bob.page, 'Why did you ignore me?')
    await messageRow(bob.page, 'Why did you ignore me?').getByText(`Not sent: ${BLOCKED_MESSAGE}`).waitFor()
    expect(await aliceApi.countMessages('Why did you ignore me?')).toBe(0)
    await expect(aliceApi.send(bobApi.id, 'sent past the block?')).rejects.toThrow(/403/)

    // In #general, Bob's messages are folded for Alice, run by run (his report-worthy one before,
    // then these two between the admin's); others read as usual.
    await openGeneral(alice.page)
    await postInGeneral(adminApi, 'Welcome, everyone')
    await postInGeneral(bobApi, 'First from Bob')
    await postInGeneral(bobApi, 'Second from Bob')
    await postInGeneral(adminApi, 'Hello from the admin')
    await bubble(alice.page, 'Hello from the admin').waitFor()
    const folded = alice.page.getByRole('log').getByRole('listitem').filter({ hasText: '2 messages from a blocked person' })
    await folded.waitFor()
    expect(await bubble(alice.page, 'First from Bob').count()).toBe(0)
    expect(await bubble(alice.page, 'Cheap watches').count()).toBe(0)
    expect(await bubble(alice.page, 'Welcome, everyone').count()).toBe(1)
    await folded.getByRole('button', { name: 'Show' }).click()
    await bubble(alice.page, 'First from Bob').waitFor()
    await bubble(alice.page, 'Second from Bob').waitFor()
    // Bob sees nothing of it: his messages are in the room as ever.
    await openGeneral(bob.page)
    await bubble(bob.page, 'Second from Bob').waitFor()
  })

  it('unblocks from Blocked people, and the DM goes through again', async () => {
    await alice.page.getByRole('button', { name: 'Blocked people' }).click()
    const list = alice.page.getByRole('list', { name: 'Blocked people' })
    await list.getByRole('button', { name: 'Unblock Bob' }).click()
    await list.getByText('You have not blocked anyone.').waitFor()
    await alice.page.getByRole('button', { name: 'Close' }).click()

    await person(alice.page, 'Bob').click()
    await composer(alice.page).waitFor()
    await person(bob.page, 'Alice').click()
    await send(bob.page, 'Friends again?')
    await bubble(alice.page, 'Friends again?').waitFor()
  })

  it('a suspension ends the live session on the login form, whose refusal says until when', async () => {
    const until = new Date(Date.now() + 3 * 24 * 3600_000)
    until.setUTCSeconds(0, 0)
    await adminApi.request('PATCH', `/api/users/${bobApi.id}`, { suspended: true, suspendedReason: 'spam', suspendedUntil: until.toISOString() })
    // His stream ends and the chat finds nobody logged in: back to the login form.
    await bob.page.getByRole('button', { name: 'Log in' }).waitFor()
    await bob.page.getByLabel('Email').fill('bob@example.com')
    await bob.page.getByLabel('Password').fill('bob-password')
    await bob.page.getByRole('button', { name: 'Log in' }).click()
    const timeZone = await bob.page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)
    const when = until.toLocaleString('en-US', { dateStyle: 'long', timeStyle: 'short', timeZone })
    await expect.poll(() => bob.page.getByRole('alert').textContent()).toBe(`This account is suspended until ${when}.`)
  })
})
