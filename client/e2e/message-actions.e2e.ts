// Browser end-to-end: the message actions menu. Delete hides a message with a few seconds to undo:
// undone, Bob still has it after that time; not undone, it goes for Bob too. The menu, the editor
// and Undo work with the keyboard alone, and on a touch screen the menu's button is always there.
// Needs `pnpm build` at the repository root first, and Chromium at /usr/bin/chromium.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { UNDO_MS } from '../src/features/chat/hooks/use-undo-delete'
import { ApiUser, bubble, messageAction, messageLog, messageRow, openChat, person, send, sleep, startScene, type ChatPage, type ProductionServer } from './harness'

let server: ProductionServer
let browser: Browser
let stop: (() => Promise<void>) | undefined
let alice: ChatPage
let bob: ChatPage
let aliceApi: ApiUser

// The focused element: its accessible name (aria-label or text) and, for a message's buttons, the
// text of the message they act on.
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null
    const describedBy = el?.getAttribute('aria-describedby')
    const about = describedBy ? document.getElementById(describedBy)?.textContent : el?.closest('li.message')?.querySelector('.content')?.textContent
    return { name: el?.getAttribute('aria-label') ?? el?.textContent?.trim() ?? '', about: about ?? null }
  })

beforeAll(async () => {
  const scene = await startScene('message-actions')
  server = scene.server
  browser = scene.browser
  stop = scene.stop
  aliceApi = await ApiUser.login(server.url, 'alice@example.com', 'alice-password')
  alice = await openChat(browser, server.url, 'alice@example.com', 'alice-password')
  bob = await openChat(browser, server.url, 'bob@example.com', 'bob-password')
  await person(alice.page, 'Bob').click()
  await person(bob.page, 'Alice').click()
})

afterAll(async () => {
  await stop?.()
})

describe('message actions in a browser', () => {
  it('Delete then Undo: the message comes back, and Bob still has it after the undo time', async () => {
    await send(alice.page, 'Maybe I will take this back')
    await bubble(bob.page, 'Maybe I will take this back').waitFor()
    await messageAction(alice.page, 'Maybe I will take this back', 'Delete')
    await bubble(alice.page, 'Maybe I will take this back').waitFor({ state: 'detached' })
    await alice.page.getByRole('button', { name: 'Undo deleting “Maybe I will take this back”' }).click()
    await bubble(alice.page, 'Maybe I will take this back').waitFor()
    await sleep(UNDO_MS + 1500) // past the undo time: had it been sent, it would be gone by now
    expect(await bubble(bob.page, 'Maybe I will take this back').count()).toBe(1)
    expect(await aliceApi.countMessages('Maybe I will take this back')).toBe(1)
  })

  it('Delete not undone: after the undo time it is gone for Bob too', async () => {
    await send(alice.page, 'Wrong chat, sorry')
    await bubble(bob.page, 'Wrong chat, sorry').waitFor()
    await messageAction(alice.page, 'Wrong chat, sorry', 'Delete')
    await bubble(alice.page, 'Wrong chat, sorry').waitFor({ state: 'detached' })
    await bubble(bob.page, 'Wrong chat, sorry').waitFor({ state: 'detached', timeout: UNDO_MS + 20_000 })
    await messageLog(bob.page).getByText('This message was removed').waitFor()
    expect(await aliceApi.countMessages('Wrong chat, sorry')).toBe(0)
    // Alice's own deletion leaves no line on her side.
    expect(await messageLog(alice.page).getByText('This message was removed').count()).toBe(0)
  })

  it('works with the keyboard alone: menu, edit, delete and undo', async () => {
    await send(alice.page, 'Keybord user here')
    await bubble(bob.page, 'Keybord user here').waitFor()
    const page = alice.page
    // From the composer back to the message's "More actions".
    for (let i = 0; i < 10 && (await focused(page)).name !== 'More actions'; i++) await page.keyboard.press('Shift+Tab')
    expect(await focused(page)).toEqual({ name: 'More actions', about: 'Keybord user here' })

    await page.keyboard.press('Enter')
    expect(await page.getByRole('menu', { name: 'Message actions' }).getByRole('menuitem').allTextContents()).toEqual(['Reply', 'React', 'Edit', 'Delete'])
    expect((await focused(page)).name).toBe('Reply')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    expect((await focused(page)).name).toBe('Edit')
    await page.keyboard.press('Enter')
    await page.keyboard.press('Control+A')
    await page.keyboard.type('Keyboard user here')
    await page.keyboard.press('Enter')
    await bubble(bob.page, 'Keyboard user here').waitFor()
    await expect.poll(() => focused(page)).toEqual({ name: 'More actions', about: 'Keyboard user here' })

    // Escape closes the menu and leaves the keyboard where it was.
    await page.keyboard.press('Enter')
    await page.keyboard.press('Escape')
    expect(await page.getByRole('menu').count()).toBe(0)
    expect((await focused(page)).name).toBe('More actions')

    await page.keyboard.press('Enter')
    await page.keyboard.press('End')
    expect((await focused(page)).name).toBe('Delete')
    await page.keyboard.press('Enter')
    await bubble(page, 'Keyboard user here').waitFor({ state: 'detached' })
    expect((await focused(page)).name).toBe('Undo deleting “Keyboard user here”')
    await page.keyboard.press('Enter')
    await bubble(page, 'Keyboard user here').waitFor()
    await expect.poll(() => focused(page)).toMatchObject({ about: 'Keyboard user here' })
  })

  it('on a phone the menu button is always shown, without hover', async () => {
    const phone = await openChat(browser, server.url, 'bob@example.com', 'bob-password', { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true })
    await person(phone.page, 'Alice').click()
    const more = messageRow(phone.page, 'Maybe I will take this back').getByRole('button', { name: 'More actions' })
    await more.waitFor()
    expect(await more.evaluate((el) => getComputedStyle(el).opacity)).toBe('1')
    await more.tap()
    expect(await phone.page.getByRole('menu', { name: 'Message actions' }).getByRole('menuitem').allTextContents()).toEqual(['Reply', 'React', 'Report'])
    await phone.context.close()
  })
})
