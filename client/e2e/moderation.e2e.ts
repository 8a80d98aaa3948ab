// Browser end-to-end, moderation (#15): a member reports another member's message in her chat;
// the admin sees the message in the live view (/admin/live) and the open-report count go up,
// removes it from there; the member's open chat shows "Removed by a moderator"; the audit trail lists the
// removal. Then the report queue's own action (dismiss) on a second report, and the live view in
// the dark theme. The panel does all this with no CSP violation, nothing from another origin and
// no refused request. Needs `pnpm build` at the repository root first, and Chromium.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ApiUser, messageAction, messageLog, messageRow, openAdmin, openChat, person, startScene, type ChatPage, type ProductionServer, type watchPage } from './harness'

let server: ProductionServer
let browser: Browser
let stop: (() => Promise<void>) | undefined
let alice: ChatPage
let aliceApi: ApiUser
let bobApi: ApiUser
let adminApi: ApiUser
let admin: { context: BrowserContext; page: Page; seen: ReturnType<typeof watchPage> }

const openReports = (page: Page) => page.getByTestId('open-reports')
const liveItem = (page: Page, content: string) => page.getByRole('list', { name: 'Messages, newest first' }).getByRole('listitem').filter({ hasText: content })

async function report(messageId: number, reason: 'spam' | 'abuse' | 'other') {
  return (await aliceApi.request<{ doc: { id: number } }>('POST', '/api/reports', { message: messageId, reason })).doc
}

beforeAll(async () => {
  const scene = await startScene('moderation')
  server = scene.server
  browser = scene.browser
  stop = scene.stop
  aliceApi = await ApiUser.login(server.url, 'alice@example.com', 'alice-password')
  bobApi = await ApiUser.login(server.url, 'bob@example.com', 'bob-password')
  adminApi = await ApiUser.login(server.url, 'admin@example.com', 'admin-password')
  alice = await openChat(browser, server.url, 'alice@example.com', 'alice-password')
  admin = await openAdmin(browser, server.url)
})

afterAll(async () => {
  await admin?.context.close()
  await alice?.context.close()
  await stop?.()
})

describe('Moderation from the live view', () => {
  it('opens the live view from the navigation, streaming, with no open report', async () => {
    const { page } = admin
    // The navigation starts closed at this width: open it as a user would.
    if ((await page.locator('.nav--nav-open').count()) === 0) await page.getByRole('button', { name: 'Open Menu' }).click()
    await page.locator('#nav-live').click()
    await page.waitForURL(/\/admin\/live$/)
    await page.getByRole('heading', { name: 'Live' }).waitFor()
    await page.locator('[data-connection="live"]').waitFor()
    await expect.poll(() => openReports(page).textContent()).toBe('0 open reports')
  })

  it('shows a DM between two members as it is written, with its conversation, and the report raises the count', async () => {
    const { page } = admin
    await bobApi.send(aliceApi.id, 'Buy cheap watches at my shop')
    const item = liveItem(page, 'Buy cheap watches at my shop')
    await item.waitFor()
    expect(await item.textContent()).toContain('Bob → Alice')

    // Alice sees it in her chat and reports it there.
    await person(alice.page, 'Bob').click()
    const row = messageRow(alice.page, 'Buy cheap watches at my shop')
    await messageAction(alice.page, 'Buy cheap watches at my shop', 'Report')
    const dialog = alice.page.getByRole('dialog', { name: 'Report this message' })
    await dialog.getByRole('radio', { name: 'Spam' }).check()
    await dialog.getByRole('button', { name: 'Send report' }).click()
    await expect.poll(() => row.getByRole('status').textContent()).toBe('Reported. Moderators will review it.')
    await expect.poll(() => openReports(page).textContent()).toBe('1 open report')
    await item.getByText('Reported').waitFor()
  })

  it('removes it from the live view after a confirmation: marked there, and "Removed by a moderator" in Alice’s chat', async () => {
    const { page } = admin
    const item = liveItem(page, 'Buy cheap watches at my shop')
    await item.getByRole('button', { name: "Remove Bob's message" }).click()
    await item.getByRole('button', { name: 'Yes, remove' }).click()
    await item.getByText('Removed by a moderator').waitFor()
    await messageLog(alice.page).getByText('Removed by a moderator').waitFor()
    expect(await aliceApi.countMessages('Buy cheap watches at my shop')).toBe(0)
    // Removing the message resolved its report.
    await expect.poll(() => openReports(page).textContent()).toBe('0 open reports')
  })

  it('lists the removal in the audit trail', async () => {
    const { page } = admin
    await page.goto(`${server.url}/admin/collections/moderation-log`)
    await page.locator('.table').getByText('message.removed').first().waitFor()
    const log = await adminApi.request<{ docs: Array<{ action: string }> }>('GET', '/api/moderation-log?depth=0')
    expect(log.docs.map((entry) => entry.action)).toContain('message.removed')
  })

  it('dismisses a second report from the queue: open first in the list, resolved by the action', async () => {
    const { page } = admin
    const message = await bobApi.send(aliceApi.id, 'See you tomorrow?')
    const filed = await report(message.id, 'other')
    await page.goto(`${server.url}/admin/collections/reports`)
    await page.locator('.table tbody tr').first().getByText('Open').waitFor()
    await page.goto(`${server.url}/admin/collections/reports/${filed.id}`)
    await page.getByRole('group', { name: 'Resolve this report' }).getByRole('button', { name: 'Dismiss' }).click()
    await expect
      .poll(async () => (await adminApi.request<{ status: string; resolution: string }>('GET', `/api/reports/${filed.id}?depth=0`)).status)
      .toBe('resolved')
    expect((await adminApi.request<{ resolution: string }>('GET', `/api/reports/${filed.id}?depth=0`)).resolution).toBe('dismissed')
    // The message stays.
    expect(await aliceApi.countMessages('See you tomorrow?')).toBe(1)
  })

  it('renders the live view in the dark theme with the theme’s readable colours', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'dark', storageState: await admin.context.storageState() })
    const page = await context.newPage()
    try {
      await page.goto(`${server.url}/admin/live`)
      await page.locator('[data-connection="live"]').waitFor()
      await bobApi.send(aliceApi.id, 'A message seen in the dark')
      const item = liveItem(page, 'A message seen in the dark')
      await item.waitFor()
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
      const [text, background] = await item.evaluate((el) => {
        const style = getComputedStyle(el)
        return [style.color, style.backgroundColor]
      })
      // Light text on a dark card: the theme's variables, not a colour of our own.
      expect(luminance(text)).toBeGreaterThan(0.5)
      expect(luminance(background)).toBeLessThan(0.2)
    } finally {
      await context.close()
    }
  })

  it('did all of it with no CSP violation, nothing from another origin, no refused request', () => {
    expect(admin.seen.violations).toEqual([])
    expect(admin.seen.foreign).toEqual([])
    expect(admin.seen.refused).toEqual([])
    expect(alice.dialogs).toEqual([])
  })
})

// Relative luminance (0 black … 1 white) of a CSS rgb()/rgba() colour.
function luminance(color: string): number {
  const [r, g, b] = (color.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
    const c = Number(v) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}
