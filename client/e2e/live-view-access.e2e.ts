// Browser end-to-end, who may load the live view (/admin/live): Payload serves custom admin views
// to anyone, so the view sends a visitor to the admin login (and back after it) and a member to
// the panel's unauthorized page; only an admin sees it, titled "Live · Payload Chat". The view's
// path is exact: /admin/live/anything is not the live view.
// Needs `pnpm build` at the repository root first, and Chromium at /usr/bin/chromium.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { ApiUser, openAdmin, startScene, type ProductionServer } from './harness'

let server: ProductionServer
let browser: Browser
let stop: (() => Promise<void>) | undefined

beforeAll(async () => {
  const scene = await startScene('live-view-access')
  server = scene.server
  browser = scene.browser
  stop = scene.stop
})

afterAll(async () => {
  await stop?.()
})

it('sends a visitor who is not logged in to the admin login, with the way back', async () => {
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto(`${server.url}/admin/live`)
  await page.waitForURL(/\/admin\/login/)
  expect(new URL(page.url()).searchParams.get('redirect')).toBe('/admin/live')
  expect(await page.getByRole('heading', { name: 'Live' }).count()).toBe(0)
  await context.close()
})

it('sends a logged-in member to the unauthorized page, never the view', async () => {
  const context = await browser.newContext()
  const login = await context.request.post(`${server.url}/api/users/login`, {
    data: { email: 'alice@example.com', password: 'alice-password' },
  })
  expect(login.status()).toBe(200)
  const page = await context.newPage()
  await page.goto(`${server.url}/admin/live`)
  await page.waitForURL(/\/admin\/unauthorized/)
  expect(await page.getByRole('heading', { name: 'Live' }).count()).toBe(0)
  await context.close()
})

it('shows an admin the view, titled, at its exact path only', async () => {
  const admin = await openAdmin(browser, server.url)
  await admin.page.goto(`${server.url}/admin/live`)
  await admin.page.getByRole('heading', { name: 'Live' }).waitFor()
  expect(await admin.page.title()).toBe('Live · Payload Chat')
  await admin.page.goto(`${server.url}/admin/live/anything`)
  expect(await admin.page.getByRole('heading', { name: 'Live', exact: true }).count()).toBe(0)
  await admin.context.close()
})

it('keeps keyboard focus on the inline actions: Remove → Keep → Remove, Suspend author → its Reason field; the connection is a status', async () => {
  const admin = await openAdmin(browser, server.url)
  const { page } = admin
  await page.goto(`${server.url}/admin/live`)
  await page.getByRole('status').filter({ hasText: 'Live' }).waitFor()
  const alice = await ApiUser.login(server.url, 'alice@example.com', 'alice-password')
  const bob = await ApiUser.login(server.url, 'bob@example.com', 'bob-password')
  await alice.send(bob.id, 'focus check')
  const item = page.getByRole('listitem').filter({ hasText: 'focus check' })
  const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? document.activeElement?.tagName)

  await item.getByRole('button', { name: /^Remove/ }).focus()
  await page.keyboard.press('Enter')
  await expect.poll(focused).toBe('Keep')
  await page.keyboard.press('Enter')
  await expect.poll(focused).toBe('Remove')

  await item.getByRole('button', { name: 'Suspend author Alice' }).click()
  await expect.poll(() => page.evaluate(() => document.activeElement?.id ?? '')).toMatch(/-reason$/)
  await admin.context.close()
})
