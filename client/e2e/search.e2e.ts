// Browser end-to-end, message search: Bob finds a word said in his DM with Alice and not in a room
// he is not in; a result opens the DM at that message, in view and highlighted, also one older
// than the first page of history; a phone-sized screen works too.
// Needs `pnpm build` at the repository root first, and Chromium at /usr/bin/chromium.
import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ApiUser, messageLog, messageRow, openChat, startScene, type ChatPage, type ProductionServer } from './harness'

let server: ProductionServer
let browser: Browser
let stop: (() => Promise<void>) | undefined
let bob: ChatPage
let aliceApi: ApiUser
let bobApi: ApiUser

// The client loads 50 messages of a conversation at first; this many come after the old one.
const NEWER_MESSAGES = 70

beforeAll(async () => {
  // Seeding sends more than a person would in a few seconds: the limit is not what this tests.
  const scene = await startScene('search', { env: { MESSAGE_RATE_PER_SECOND: '1000', MESSAGE_BURST: '1000' } })
  server = scene.server
  browser = scene.browser
  stop = scene.stop
  aliceApi = await ApiUser.login(server.url, 'alice@example.com', 'alice-password')
  bobApi = await ApiUser.login(server.url, 'bob@example.com', 'bob-password')
  // A room Bob is not in, where Alice says the same word.
  const room = await aliceApi.request<{ room: { id: number } }>('POST', '/api/rooms', { name: 'secret-plans', visibility: 'private' })
  await aliceApi.request('POST', '/api/messages', { room: room.room.id, content: 'The zeppelin leaves at dawn' })
  await aliceApi.send(bobApi.id, 'An old recipe for marmalade, keep it')
  for (let i = 1; i <= NEWER_MESSAGES; i++) await (i % 2 ? aliceApi.send(bobApi.id, `filler ${i}`) : bobApi.send(aliceApi.id, `filler ${i}`))
  await aliceApi.send(bobApi.id, 'Shall we take the zeppelin on Sunday?')
  bob = await openChat(browser, server.url, 'bob@example.com', 'bob-password')
})

afterAll(async () => {
  await stop?.()
})

const searchBox = (page: Page) => page.getByRole('searchbox', { name: 'Search messages' })
const results = (page: Page) => page.getByRole('region', { name: 'Search results' })
const hits = (page: Page) => results(page).locator('.search-hit')

async function search(page: Page, text: string) {
  await searchBox(page).fill(text)
  await results(page).getByRole('status').filter({ hasText: /found|No messages/ }).waitFor()
}

// The text of the message the keyboard is on (a jump focuses it).
const focusedMessage = (page: Page) => page.evaluate(() => document.activeElement?.closest('li.message')?.querySelector('.content')?.textContent ?? null)

// Opened at the message: focused, highlighted and in view.
async function openedAt(page: Page, text: string) {
  const row = messageRow(page, text)
  await row.waitFor()
  // Highlighted for a moment (polled: it goes after 2.5 s), and the keyboard stays on it.
  await expect.poll(() => row.getAttribute('class'), { timeout: 30_000, interval: 100 }).toContain('highlighted')
  expect(await focusedMessage(page)).toBe(text)
  await expect.poll(() => inView(page, row)).toBe(true)
}

// The row is inside the log's visible area.
async function inView(page: Page, row: Locator): Promise<boolean> {
  const [box, log] = await Promise.all([row.boundingBox(), messageLog(page).boundingBox()])
  return box !== null && log !== null && box.y >= log.y - 1 && box.y + Math.min(box.height, 40) <= log.y + log.height + 1
}

describe('Message search in a browser', () => {
  it('finds the DM hit and nothing from a room Bob is not in', async () => {
    const { page } = bob
    await page.keyboard.press('/')
    expect(await searchBox(page).evaluate((el) => el === document.activeElement)).toBe(true)
    await search(page, 'zeppelin')
    expect(await results(page).getByRole('status').textContent()).toBe('1 message found.')
    expect(await hits(page).count()).toBe(1)
    await results(page).getByRole('region', { name: 'Alice' }).waitFor()
    expect(await results(page).getByText('#secret-plans').count()).toBe(0)
    // The match is marked.
    expect(await hits(page).first().locator('mark').textContent()).toBe('zeppelin')
  })

  it('a result opens the conversation at that message, in view and highlighted', async () => {
    const { page } = bob
    await hits(page).first().click()
    await page.getByRole('log', { name: 'Messages with Alice' }).waitFor()
    await openedAt(page, 'Shall we take the zeppelin on Sunday?')
  })

  it('finds a message older than the first page of history and jumps to it', async () => {
    const { page } = bob
    // Another conversation first: the jump must open the DM itself.
    await page.getByRole('list', { name: 'Rooms' }).getByRole('button', { name: /^#general/ }).click()
    await searchBox(page).focus()
    await search(page, 'marmal')
    await searchBox(page).press('ArrowDown')
    await page.keyboard.press('Enter')
    await page.getByRole('log', { name: 'Messages with Alice' }).waitFor()
    await openedAt(page, 'An old recipe for marmalade, keep it')
  })

  it('works on a phone-sized screen', async () => {
    const phone = await openChat(browser, server.url, 'bob@example.com', 'bob-password', { viewport: { width: 390, height: 760 }, isMobile: true, hasTouch: true })
    try {
      const { page } = phone
      await searchBox(page).tap()
      await search(page, 'zeppelin')
      const box = await results(page).boundingBox()
      expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true)
      await hits(page).first().tap()
      await openedAt(page, 'Shall we take the zeppelin on Sunday?')
    } finally {
      await phone.context.close()
    }
  })
})
