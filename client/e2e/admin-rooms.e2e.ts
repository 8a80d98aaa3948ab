// Browser end-to-end, rooms in the admin panel: the admin creates a private room, adds a member
// through the room-memberships collection, renames the room and deletes it, all in /admin, while
// that member's chat is open and shows each change live. The panel's forms load and save with no
// Content-Security-Policy violation and nothing fetched from another origin (a CDN).
// Needs `pnpm build` at the repository root first, and Chromium at /usr/bin/chromium.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ApiUser, openAdmin, openChat, roomEntry, startScene, type ChatPage, type ProductionServer, type watchPage } from './harness'

let server: ProductionServer
let browser: Browser
let stop: (() => Promise<void>) | undefined
let alice: ChatPage
let aliceApi: ApiUser
let admin: { context: BrowserContext; page: Page; seen: ReturnType<typeof watchPage> }

// Payload's selects and relationship fields are react-select: open the field, pick the option.
async function choose(panel: Page, field: string, option: string, search?: string) {
  await panel.locator(`#field-${field} .rs__control`).click()
  if (search) await panel.locator(`#field-${field} .rs__input`).fill(search)
  await panel.locator('.rs__option', { hasText: option }).first().click()
  await expect.poll(() => panel.locator(`#field-${field} .rs__single-value`).textContent()).toContain(option)
}

// Saves the open document; resolves with its id once the panel shows the saved document.
async function save(panel: Page, collection: string): Promise<number> {
  await panel.locator('#action-save').click()
  await panel.waitForURL(new RegExp(`/admin/collections/${collection}/\\d+`))
  await panel.getByText(/successfully/i).first().waitFor()
  return Number(/\/(\d+)(?:\?|$)/.exec(panel.url())?.[1])
}

const aliceSees = async () => (await aliceApi.request<{ rooms: { name: string }[] }>('GET', '/api/rooms')).rooms.map((room) => room.name)

beforeAll(async () => {
  const scene = await startScene('admin-rooms')
  server = scene.server
  browser = scene.browser
  stop = scene.stop
  aliceApi = await ApiUser.login(server.url, 'alice@example.com', 'alice-password')
  alice = await openChat(browser, server.url, 'alice@example.com', 'alice-password')
  admin = await openAdmin(browser, server.url)
})

afterAll(async () => {
  await admin?.context.close()
  await stop?.()
})

describe('Rooms and memberships in the admin panel, live in a member’s chat', () => {
  let roomId: number

  it('creates a private room (name, topic, visibility): nobody else sees it yet', async () => {
    const { page } = admin
    await page.goto(`${server.url}/admin/collections/rooms/create`)
    await page.locator('#field-name').fill('book-club')
    await page.locator('#field-topic').fill('One chapter a week')
    await choose(page, 'visibility', 'Private')
    roomId = await save(page, 'rooms')
    expect(roomId).toBeGreaterThan(0)

    const adminApi = await ApiUser.login(server.url, 'admin@example.com', 'admin-password')
    const stored = await adminApi.request<{ name: string; topic: string; visibility: string }>('GET', `/api/rooms/${roomId}`)
    expect(stored).toMatchObject({ name: 'book-club', topic: 'One chapter a week', visibility: 'private' })
    expect(await aliceSees()).not.toContain('book-club')
    expect(await roomEntry(alice.page, 'book-club').count()).toBe(0)
  })

  it('adds Alice through Room memberships: her open chat shows the room at once', async () => {
    const { page } = admin
    await page.goto(`${server.url}/admin/collections/room-memberships/create`)
    await choose(page, 'room', 'book-club', 'book')
    await choose(page, 'user', 'Alice', 'Ali')
    await save(page, 'room-memberships')

    await roomEntry(alice.page, 'book-club').waitFor()
    await roomEntry(alice.page, 'book-club').click()
    await alice.page.getByRole('log', { name: 'Messages in #book-club' }).waitFor({ state: 'attached' })
    await alice.page.getByRole('region', { name: 'Room #book-club' }).getByText('One chapter a week').waitFor()
  })

  it('renames the room: Alice’s sidebar and open room follow live', async () => {
    const { page } = admin
    await page.goto(`${server.url}/admin/collections/rooms/${roomId}`)
    await page.locator('#field-name').fill('book-club-fiction')
    await save(page, 'rooms')

    await roomEntry(alice.page, 'book-club-fiction').waitFor()
    await alice.page.getByRole('heading', { name: '#book-club-fiction' }).waitFor()
    expect(await roomEntry(alice.page, 'book-club').count()).toBe(0)
    expect(await aliceSees()).toContain('book-club-fiction')
  })

  it('deletes the room: it leaves Alice’s chat live, with a note', async () => {
    const { page } = admin
    await page.goto(`${server.url}/admin/collections/rooms/${roomId}`)
    await page.locator('.doc-controls .popup-button').click()
    await page.getByRole('button', { name: 'Delete' }).click()
    await page.getByRole('button', { name: 'Confirm' }).click()
    await page.waitForURL(/\/admin\/collections\/rooms(\?|$)/)

    // Deleting a room ends every membership first: each member is told as on a removal.
    await alice.page.getByRole('status').filter({ hasText: 'You were removed from #book-club-fiction' }).waitFor()
    await alice.page.getByRole('heading', { name: 'Room not found' }).waitFor()
    expect(await roomEntry(alice.page, 'book-club-fiction').count()).toBe(0)
    expect(await aliceSees()).not.toContain('book-club-fiction')
  })

  it('loaded and saved every form with no CSP violation and nothing from another origin', () => {
    expect(admin.seen.violations).toEqual([])
    expect(admin.seen.foreign).toEqual([])
    expect(admin.seen.refused).toEqual([])
    expect(alice.dialogs).toEqual([])
  })
})
