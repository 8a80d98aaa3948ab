// Browser end-to-end: one stream per browser (eight tabs, a hand-over), typing, Seen, presence and
// a desktop notification. Needs `pnpm build` at the repository root first, and Chromium.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ApiUser, messageLog, openChat, person, startScene, waitLive, type ChatPage, type ProductionServer } from './harness'

const GRACE_MS = 1500

let server: ProductionServer
let browser: Browser
let stop: (() => Promise<void>) | undefined
let aliceApi: ApiUser
let bobApi: ApiUser
let adminApi: ApiUser

beforeAll(async () => {
  const scene = await startScene('presence', { env: { PRESENCE_GRACE_MS: String(GRACE_MS) } })
  server = scene.server
  browser = scene.browser
  stop = scene.stop
  aliceApi = await ApiUser.login(server.url, 'alice@example.com', 'alice-password')
  bobApi = await ApiUser.login(server.url, 'bob@example.com', 'bob-password')
  adminApi = await ApiUser.login(server.url, 'admin@example.com', 'admin-password')
})

afterAll(async () => {
  await stop?.()
})

// How many streams the server holds open for a user, as its admin sees it.
const userStreams = async (user: number) =>
  (await adminApi.request<{ userStreams: number }>('GET', `/api/realtime/stats?user=${user}`)).userStreams

const bubbles = (page: Page, text: string) => messageLog(page).locator('.content').getByText(text, { exact: true })

async function openTab(context: BrowserContext, hash = ''): Promise<Page> {
  const page = await context.newPage()
  await page.goto(`${server.url}/${hash}`)
  await waitLive(page)
  return page
}

// Headless Chromium reports every page as visible, and neither minimising its window nor bringing
// another tab to the front changes that (no window exists). So the page's visibility is set from
// the test: document.visibilityState / hidden answer what the test says and a real
// `visibilitychange` event is dispatched, which is exactly what the app listens to. Notification
// is wrapped to record every notification the app shows (the real one is still created).
const PAGE_HOOKS = () => {
  let hidden = false
  Object.defineProperty(Document.prototype, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') })
  Object.defineProperty(Document.prototype, 'hidden', { configurable: true, get: () => hidden })
  const w = window as any
  w.__setHidden = (value: boolean) => {
    hidden = value
    document.dispatchEvent(new Event('visibilitychange'))
  }
  const Real = window.Notification
  w.__notifications = []
  class Recorded extends Real {
    constructor(title: string, options?: NotificationOptions) {
      super(title, options)
      w.__notifications.push({ title, body: options?.body ?? '', notification: this })
    }
  }
  Object.defineProperty(Recorded, 'permission', { get: () => Real.permission })
  // Counted: the permission may be asked only from the button, never on load.
  w.__permissionRequests = 0
  Object.defineProperty(Recorded, 'requestPermission', {
    value: (...args: Parameters<typeof Real.requestPermission>) => {
      w.__permissionRequests++
      return Real.requestPermission(...args)
    },
  })
  w.Notification = Recorded
}
const setHidden = (page: Page, hidden: boolean) => page.evaluate((value) => (window as any).__setHidden(value), hidden)
const permissionRequests = (page: Page) => page.evaluate(() => (window as any).__permissionRequests as number)
const isLeader = (page: Page) => page.locator('[data-stream-leader]').getAttribute('data-stream-leader')
const notifications = (page: Page) => page.evaluate(() => (window as any).__notifications.map(({ title, body }: any) => ({ title, body })))

describe('one stream per browser', () => {
  it('eight tabs hold one stream, all show a message live, and closing the leader hands over with nothing lost or doubled', async () => {
    const alice = await openChat(browser, server.url, 'alice@example.com', 'alice-password')
    await alice.page.goto(`${server.url}/#/c/${bobApi.id}`)
    await waitLive(alice.page)
    const tabs = [alice.page]
    for (let i = 1; i < 8; i++) tabs.push(await openTab(alice.context, `#/c/${bobApi.id}`))
    await expect.poll(() => userStreams(aliceApi.id)).toBe(1)

    await bobApi.send(aliceApi.id, 'one stream, eight tabs')
    for (const tab of tabs) await bubbles(tab, 'one stream, eight tabs').waitFor()

    // The first tab leads (it took the lock first), alone. Close it while Bob writes.
    expect(await Promise.all(tabs.map(isLeader))).toEqual(['true', ...Array(7).fill('false')])
    const texts = Array.from({ length: 6 }, (_, i) => `during the hand-over ${i + 1}`)
    const posting = (async () => {
      for (const text of texts) await bobApi.send(aliceApi.id, text)
    })()
    await tabs[0].close()
    await posting
    await bobApi.send(aliceApi.id, 'after the hand-over')
    const rest = tabs.slice(1)
    for (const tab of rest) await bubbles(tab, 'after the hand-over').waitFor()
    for (const tab of rest) {
      for (const text of [...texts, 'one stream, eight tabs']) expect(await bubbles(tab, text).count(), text).toBe(1)
      expect(await tab.getByTestId('connection').textContent()).toBe('Live')
    }
    expect((await Promise.all(rest.map(isLeader))).filter((leader) => leader === 'true')).toHaveLength(1)
    await expect.poll(() => userStreams(aliceApi.id)).toBe(1)
    await alice.context.close()
    await expect.poll(() => userStreams(aliceApi.id)).toBe(0)
  })
})

describe('typing, Seen, presence', () => {
  let alice: ChatPage
  let bob: ChatPage

  it('two people see each other online', async () => {
    alice = await openChat(browser, server.url, 'alice@example.com', 'alice-password')
    bob = await openChat(browser, server.url, 'bob@example.com', 'bob-password')
    const bobSeen = person(alice.page, 'Bob')
    await expect.poll(() => bobSeen.locator('[data-presence]').getAttribute('data-presence')).toBe('online')
    await expect.poll(() => person(bob.page, 'Alice').locator('[data-presence]').getAttribute('data-presence')).toBe('online')
    expect(await alice.page.locator(`#presence-${bobApi.id}`).textContent()).toBe('online')
  })

  it('shows who is typing, hides it when the message arrives, and shows Seen once it is read', async () => {
    await person(alice.page, 'Bob').click()
    await person(bob.page, 'Alice').click()
    const box = alice.page.getByLabel('Message', { exact: true })
    await box.pressSequentially('Are you th', { delay: 20 })
    await expect.poll(() => bob.page.getByTestId('typing').textContent()).toBe('Alice is typing…')
    await box.pressSequentially('ere?')
    await box.press('Enter')
    await bubbles(bob.page, 'Are you there?').waitFor()
    expect(await bob.page.getByTestId('typing').textContent()).toBe('')
    // Bob has the conversation open and visible: he read it, and Alice sees it.
    await messageLog(alice.page).getByRole('listitem').filter({ hasText: 'Are you there?' }).getByText('Seen').waitFor()
  })

  it('shows someone offline once their last tab is gone for the grace period', async () => {
    await bob.context.close()
    await expect.poll(() => person(alice.page, 'Bob').locator('[data-presence]').getAttribute('data-presence'), { timeout: 15_000 }).toBe('offline')
    expect(await alice.page.locator(`#presence-${bobApi.id}`).textContent()).toMatch(/^offline, last seen/)
    await alice.context.close()
  })
})

describe('notifications', () => {
  it('the leader tab shows a notification for a DM while every tab is hidden, and a click opens it', async () => {
    const alice = await openChat(browser, server.url, 'alice@example.com', 'alice-password', { permissions: ['notifications'], initScript: PAGE_HOOKS })
    // Granted in the context: no button to ask.
    expect(await alice.page.getByRole('button', { name: 'Enable notifications' }).count()).toBe(0)

    await bobApi.send(aliceApi.id, 'seen in the page, no notification')
    await person(alice.page, 'Bob').filter({ hasText: 'seen in the page' }).waitFor()
    const aliceStatus = async () =>
      (await bobApi.request<{ presence: { status: string }[] }>('GET', `/api/presence?users=${aliceApi.id}`)).presence[0]?.status
    await expect.poll(aliceStatus).toBe('online')
    await setHidden(alice.page, true)
    // Her only tab is hidden: the leader (that tab) tells the server she is away.
    await expect.poll(aliceStatus).toBe('away')
    await bobApi.send(aliceApi.id, 'Lunch at noon?')
    await expect.poll(() => notifications(alice.page)).toEqual([{ title: 'Bob', body: 'Lunch at noon?' }])

    await setHidden(alice.page, false)
    await expect.poll(aliceStatus).toBe('online')
    await alice.page.evaluate(() => (window as any).__notifications[0].notification.onclick())
    await bubbles(alice.page, 'Lunch at noon?').waitFor()
    expect(await alice.page.evaluate(() => window.location.hash)).toBe(`#/c/${bobApi.id}`)
    await alice.context.close()
  })

  it('asks the permission only from the button, never on load', async () => {
    const carol = await openChat(browser, server.url, 'alice@example.com', 'alice-password', { initScript: PAGE_HOOKS })
    const button = carol.page.getByRole('button', { name: 'Enable notifications' })
    await button.waitFor()
    expect(await permissionRequests(carol.page)).toBe(0)
    await button.click()
    await expect.poll(() => permissionRequests(carol.page)).toBe(1)
    // Granted (as the person would in the prompt): the button goes, whatever the prompt answered.
    await carol.context.grantPermissions(['notifications'])
    await button.waitFor({ state: 'detached' })
    expect(await permissionRequests(carol.page)).toBe(1)
    await carol.context.close()
  })
})
