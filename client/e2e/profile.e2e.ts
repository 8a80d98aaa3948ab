// Browser end-to-end: profiles (issue #17). Alice changes her display name, her picture and her
// password from the profile dialog; her own screen shows each change at once, Bob sees her new
// name when she next writes and her picture in his sidebar, and a wrong current password is
// refused in words. Needs `pnpm build` at the repository root first.
import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { png } from './files'
import { ApiUser, openChat, person, roomEntry, send, startScene, type ChatPage, type ProductionServer } from './harness'

let server: ProductionServer
let browser: Browser
let stop: (() => Promise<void>) | undefined
let alice: ChatPage
let bob: ChatPage
let aliceApi: ApiUser

const profileButton = (page: Page) => page.getByRole('banner').getByRole('button', { name: /^Your profile/ })
const dialog = (page: Page) => page.getByRole('dialog', { name: 'Your profile' })
// The width of the picture an avatar shows once loaded; 0 while it shows initials.
const pictureWidth = (avatar: Locator) =>
  avatar.evaluate((el) => {
    const img = el.querySelector('img')
    return img && img.complete ? img.naturalWidth : 0
  })

beforeAll(async () => {
  const scene = await startScene('profile')
  server = scene.server
  browser = scene.browser
  stop = scene.stop
  aliceApi = await ApiUser.login(server.url, 'alice@example.com', 'alice-password')
  alice = await openChat(browser, server.url, 'alice@example.com', 'alice-password')
})

afterAll(async () => {
  await stop?.()
})

describe('Profiles in a browser', () => {
  it('renames from the profile dialog: the top bar and her own entry change at once', async () => {
    const { page } = alice
    await profileButton(page).click()
    await dialog(page).waitFor()
    // The focus starts in the dialog, on the name.
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe('Alice')
    await dialog(page).getByLabel('Display name').fill('  Alice Liddell ')
    await dialog(page).getByRole('button', { name: 'Save name' }).click()
    expect(await dialog(page).getByRole('status').textContent()).toBe('Your name is saved.')
    await profileButton(page).filter({ hasText: 'Alice Liddell' }).waitFor()
    await page.getByRole('list', { name: 'Direct messages' }).getByRole('button', { name: /^Alice Liddell \(you\)/ }).waitFor()
    const me = await aliceApi.request<{ user: { name: string } }>('GET', '/api/users/me')
    expect(me.user.name).toBe('Alice Liddell')
  })

  it('refuses a wrong current password in words, then changes it with the right one', async () => {
    const { page } = alice
    const form = dialog(page).getByRole('form', { name: 'Change your password' })
    await form.getByLabel('Current password').fill('not-my-password')
    await form.getByLabel('New password').fill('short')
    expect(await form.getByRole('button', { name: 'Change password' }).isDisabled()).toBe(true)
    await form.getByLabel('New password').fill('a-new-password')
    await form.getByRole('button', { name: 'Change password' }).click()
    expect(await form.getByRole('alert').textContent()).toBe('The current password is incorrect.')
    await form.getByLabel('Current password').fill('alice-password')
    await form.getByRole('button', { name: 'Change password' }).click()
    expect(await form.getByRole('status').textContent()).toBe('Your password is changed.')
    expect(await form.getByLabel('Current password').inputValue()).toBe('')
    await ApiUser.login(server.url, 'alice@example.com', 'a-new-password')
    await expect(ApiUser.login(server.url, 'alice@example.com', 'alice-password')).rejects.toThrow(/401/)
  })

  it('sets a picture: it replaces her initials at once, and Bob sees it and her new name', async () => {
    const { page } = alice
    const topAvatar = profileButton(page).locator('.avatar')
    expect(await pictureWidth(topAvatar)).toBe(0)
    await dialog(page).getByLabel('Choose a picture').setInputFiles(await png('me.png', 400, 300, '#aa3377'))
    expect(await dialog(page).getByRole('status').textContent()).toBe('Your picture is saved.')
    await expect.poll(() => pictureWidth(topAvatar)).toBeGreaterThan(0)
    await page.keyboard.press('Escape')
    await dialog(page).waitFor({ state: 'detached' })
    expect(await profileButton(page).evaluate((el) => el === document.activeElement)).toBe(true)

    bob = await openChat(browser, server.url, 'bob@example.com', 'bob-password')
    const row = person(bob.page, 'Alice Liddell')
    await row.waitFor()
    await expect.poll(() => pictureWidth(row.locator('.avatar'))).toBeGreaterThan(0)
    // Someone without a picture keeps their initials.
    expect(await pictureWidth(person(alice.page, 'Bob').locator('.avatar'))).toBe(0)
  })

  it('shows a rename to someone already chatting when the renamed person next writes, avatar beside room messages', async () => {
    await profileButton(alice.page).click()
    await dialog(alice.page).getByLabel('Display name').fill('Alice L.')
    await dialog(alice.page).getByRole('button', { name: 'Save name' }).click()
    await dialog(alice.page).getByRole('status').waitFor()
    await alice.page.keyboard.press('Escape')
    await person(alice.page, 'Bob').click()
    await send(alice.page, 'Call me Alice L. from now on')
    await person(bob.page, 'Alice L').waitFor()

    await roomEntry(alice.page, 'general').click()
    await send(alice.page, 'Hello everyone')
    await roomEntry(bob.page, 'general').click()
    const message = bob.page.getByRole('log').getByRole('listitem').filter({ hasText: 'Hello everyone' })
    await message.waitFor()
    expect(await message.locator('.author').textContent()).toBe('Alice L.')
    await expect.poll(() => pictureWidth(message.locator('.message-avatar'))).toBeGreaterThan(0)
  })
})
