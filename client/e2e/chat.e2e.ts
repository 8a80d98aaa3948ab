// Browser end-to-end: two people chat through the built app served by `next start`.
// Needs `pnpm build` at the repository root first, and Chromium at /usr/bin/chromium.
import { execFile } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'

import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ApiUser, bubble, messageAction, messageLog, messageRow, openAdmin, openChat, person, repoRoot, send, startScene, waitLive, type ChatPage, type ProductionServer } from './harness'

let server: ProductionServer
let browser: Browser
let stop: (() => Promise<void>) | undefined
let alice: ChatPage
let bob: ChatPage
let aliceApi: ApiUser
let bobApi: ApiUser
let adminApi: ApiUser

const title = (page: Page) => page.evaluate(() => document.title)
beforeAll(async () => {
  const scene = await startScene('chat')
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

describe('Payload Chat in a browser', () => {
  it('explains a wrong password and a taken email, signs up, logs out', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(server.url)
    await page.getByLabel('Email').fill('alice@example.com')
    await page.getByLabel('Password').fill('not-her-password')
    await page.getByRole('button', { name: 'Log in' }).click()
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Wrong email or password')

    await page.getByRole('button', { name: 'Create an account' }).click()
    await page.getByLabel('Name').fill('Alice Again')
    await page.getByLabel('Password').fill('some-password')
    await page.getByRole('button', { name: 'Sign up' }).click()
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/already (exists|registered)/)

    await page.getByLabel('Name').fill('Carol')
    await page.getByLabel('Email').fill('carol@example.com')
    await page.getByRole('button', { name: 'Sign up' }).click()
    await page.getByRole('navigation', { name: 'Chats' }).waitFor()
    await page.reload() // the cookie keeps her logged in
    await person(page, 'Carol').waitFor()
    await page.getByRole('button', { name: 'Log out' }).click()
    await page.getByRole('button', { name: 'Log in' }).waitFor()

    // Too many wrong passwords from here: say so and when to retry, not "wrong password".
    await page.getByLabel('Email').fill('carol@example.com')
    for (let attempt = 0; attempt < 6; attempt++) {
      await page.getByLabel('Password').fill(`wrong-${attempt}`)
      await page.getByRole('button', { name: 'Log in' }).click()
      await page.getByRole('alert').waitFor()
      await expect.poll(() => page.getByRole('button', { name: 'Log in' }).isEnabled()).toBe(true)
    }
    await page.getByLabel('Password').fill('some-password')
    await page.getByRole('button', { name: 'Log in' }).click()
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Try again in 15 minutes')
    await context.close()
  })

  it('two people chat live both ways, with unread counts and tab title', async () => {
    alice = await openChat(browser, server.url, 'alice@example.com', 'alice-password')
    bob = await openChat(browser, server.url, 'bob@example.com', 'bob-password')

    await person(alice.page, 'Bob').click()
    await send(alice.page, 'Hi Bob! Are we still on for lunch today?')
    await bubble(alice.page, 'Are we still on for lunch').waitFor()

    await person(bob.page, 'Alice').filter({ hasText: 'Are we still on' }).waitFor()
    expect(await person(bob.page, 'Alice').getAttribute('aria-label')).toBe('Alice, 1 unread')
    await expect.poll(() => title(bob.page)).toBe('(1) Payload Chat')

    await person(bob.page, 'Alice').click()
    await bubble(bob.page, 'Are we still on for lunch').waitFor()
    await expect.poll(() => title(bob.page)).toBe('Payload Chat')
    await send(bob.page, 'Yes! 12:30 at the noodle place?')
    await bubble(alice.page, '12:30 at the noodle place').waitFor()
    expect(await alice.page.locator('.message.theirs .content').last().textContent()).toBe('Yes! 12:30 at the noodle place?')
  })

  it('an edit and a delete reach the other side live', async () => {
    await send(alice.page, 'Perfect, see you at 12:15')
    await messageAction(alice.page, 'see you at 12:15', 'Edit')
    await alice.page.getByLabel('Edit message').fill('Perfect, see you at 12:30 at the noodle bar')
    await alice.page.getByRole('button', { name: 'Save' }).click()
    await bubble(bob.page, 'see you at 12:30 at the noodle bar').waitFor()
    await messageRow(bob.page, 'see you at 12:30').getByText('edited').waitFor()
    expect(await bubble(bob.page, '12:15').count()).toBe(0)

    await send(alice.page, 'oops, wrong chat')
    await bubble(bob.page, 'oops, wrong chat').waitFor()
    await messageAction(alice.page, 'oops, wrong chat', 'Delete')
    await bubble(alice.page, 'oops, wrong chat').waitFor({ state: 'detached' })
    await bubble(bob.page, 'oops, wrong chat').waitFor({ state: 'detached' })
    await messageLog(bob.page).getByText('This message was removed').waitFor()
  })

  it('a moderator’s removal shows as "Removed by a moderator" on both sides', async () => {
    await send(bob.page, 'Text me at 555-0100, my secret number')
    await bubble(alice.page, 'secret number').waitFor()
    const page = await bobApi.request<{ docs: { id: number; content: string }[] }>('GET', `/api/messages?limit=5&sort=-id&where[receiver][equals]=${aliceApi.id}`)
    const target = page.docs.find((m) => m.content.includes('secret number'))!
    await adminApi.request('DELETE', `/api/messages/${target.id}`)
    for (const side of [alice, bob]) {
      await bubble(side.page, 'secret number').waitFor({ state: 'detached' })
      await expect.poll(() => messageLog(side.page).getByText('Removed by a moderator').count()).toBeGreaterThanOrEqual(1)
    }
    await send(bob.page, 'Sorry, that was too much. See you there!')
    await bubble(alice.page, 'See you there').waitFor()
    mkdirSync(join(repoRoot, 'docs'), { recursive: true })
    await alice.page.screenshot({ path: join(repoRoot, 'docs', 'screenshot.png') })
  })

  it('a moderator edits and then deletes a message in the admin panel, and both sides see it live', async () => {
    await send(bob.page, 'Meet me behind the gym at midnight')
    await bubble(alice.page, 'behind the gym').waitFor()
    const recent = await adminApi.request<{ docs: { id: number; content: string }[] }>('GET', '/api/messages?limit=5&sort=-id')
    const target = recent.docs.find((m) => m.content.includes('behind the gym'))!

    const { context: admin, page: panel } = await openAdmin(browser, server.url)
    await panel.goto(`${server.url}/admin/collections/messages/${target.id}`)

    await panel.getByLabel('Content').fill('[edited by a moderator]')
    await panel.getByRole('button', { name: 'Save' }).click()
    for (const side of [alice, bob]) {
      await bubble(side.page, '[edited by a moderator]').waitFor()
      // Not disguised as Bob's own edit.
      expect(await messageRow(side.page, '[edited by a moderator]').locator('.edited').textContent()).toBe(' · edited by a moderator')
    }

    await panel.locator('.doc-controls .popup-button').click()
    await panel.getByRole('button', { name: 'Delete' }).click()
    await panel.getByRole('button', { name: 'Confirm' }).click()
    for (const side of [alice, bob]) {
      await bubble(side.page, '[edited by a moderator]').waitFor({ state: 'detached' })
      await expect.poll(() => messageLog(side.page).getByText('Removed by a moderator').count()).toBeGreaterThanOrEqual(1)
    }
    await expect(adminApi.request('GET', `/api/messages/${target.id}`)).rejects.toThrow(/404/)
    await admin.close()
  })

  it('works on a phone in dark mode with the keyboard alone', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: 'dark', locale: 'en-US' })
    const page = await context.newPage()
    // Presses Tab until the focused element's accessible name matches; fails if it never does.
    const tabTo = async (name: RegExp) => {
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab')
        const focused = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null
          const label = el?.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : el?.closest('label')?.textContent
          return el?.getAttribute('aria-label') || label || el?.textContent || ''
        })
        if (name.test(focused.trim())) return
      }
      throw new Error(`Tab never reached ${name}`)
    }
    await page.goto(server.url)
    await tabTo(/^Email/)
    await page.keyboard.type('bob@example.com')
    await tabTo(/^Password/)
    await page.keyboard.type('bob-password')
    await page.keyboard.press('Enter')
    await page.getByRole('navigation', { name: 'Chats' }).waitFor()

    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor)
    const [r, g, b] = background.match(/\d+/g)!.map(Number)
    expect((0.2126 * r + 0.7152 * g + 0.0722 * b) / 255).toBeLessThan(0.3)
    const overflows = () => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1)
    expect(await overflows()).toBe(false)

    await tabTo(/^Alice\b/)
    await page.keyboard.press('Enter')
    await page.getByRole('log').waitFor()
    // One pane at a time: the people list gives way to the conversation, with a way back.
    await expect.poll(() => page.getByRole('navigation', { name: 'Chats' }).isVisible()).toBe(false)
    await tabTo(/^Message/)
    await page.keyboard.type('Typed on a phone, sent with Enter')
    await page.keyboard.press('Enter')
    await bubble(page, 'Typed on a phone').waitFor()
    await bubble(alice.page, 'Typed on a phone').waitFor()
    expect(await overflows()).toBe(false)

    await page.keyboard.down('Shift')
    await tabTo(/^Back to conversations/)
    await page.keyboard.up('Shift')
    await page.keyboard.press('Enter')
    await page.getByRole('navigation', { name: 'Chats' }).waitFor()

    // The browser's Back closes a conversation too, instead of leaving the app.
    await tabTo(/^Alice\b/)
    await page.keyboard.press('Enter')
    await page.getByRole('log').waitFor()
    await page.goBack()
    await page.getByRole('navigation', { name: 'Chats' }).waitFor()
    expect(['', '#/']).toContain(new URL(page.url()).hash)
    expect(new URL(page.url()).origin).toBe(server.url)
    await context.close()
  })

  it('shows HTML in a message as text, never as markup', async () => {
    const evil = '<img src=x onerror=alert(1)>'
    await send(bob.page, evil)
    await bubble(alice.page, evil).waitFor()
    expect(await bubble(alice.page, evil).textContent()).toBe(evil)
    expect(await messageLog(alice.page).locator('img').count()).toBe(0)
    expect(await messageLog(bob.page).locator('img').count()).toBe(0)
    await new Promise((r) => setTimeout(r, 500))
    expect([...alice.dialogs, ...bob.dialogs]).toEqual([])
  })

  it('a send whose answer is lost on the way back is stored once and shown once, confirmed', async () => {
    await alice.page.route(
      '**/api/messages',
      async (route) => {
        if (route.request().method() !== 'POST') return route.continue()
        const body = route.request().postDataJSON()
        await route.abort('connectionreset') // the browser hears the send fail...
        await aliceApi.request('POST', '/api/messages', body) // ...but it was stored (same clientId)
      },
      { times: 1 },
    )
    await send(alice.page, 'Did this one reach you?')
    await bubble(bob.page, 'Did this one reach you?').waitFor()
    // The stream's echo names the failed send by its clientId: confirmed, no "Not sent", no Retry.
    const row = messageRow(alice.page, 'Did this one reach you?')
    await expect.poll(() => row.getByText(/Not sent|Sending/).count()).toBe(0)
    expect(await row.getByRole('button', { name: 'Retry' }).count()).toBe(0)
    for (const side of [alice, bob]) expect(await bubble(side.page, 'Did this one reach you?').count()).toBe(1)
    expect(await aliceApi.countMessages('Did this one reach you?')).toBe(1)
  })

  it('after a server restart, a message sent meanwhile arrives once, and nothing repeats', async () => {
    await alice.context.setOffline(true)
    await alice.page.getByTestId('connection').filter({ hasText: 'Offline' }).waitFor()
    await server.stop()
    await bob.page.getByTestId('connection').filter({ hasText: 'Reconnecting' }).waitFor()

    // Sent while the server is down, by another process writing the database (a script, a second
    // server): only the change feed can bring it to the streams that resume afterwards.
    const writer = join(repoRoot, 'server', 'test', 'helpers', 'external-writer.mjs')
    await promisify(execFile)(process.execPath, [writer, server.dbFile, String(bobApi.id), String(aliceApi.id), '1', 'Sent while the server was down'])
    await server.start()
    await waitLive(bob.page, 30_000)
    await bubble(bob.page, 'while the server was down').waitFor()
    expect(await bubble(alice.page, 'while the server was down').count()).toBe(0)

    await alice.context.setOffline(false)
    await waitLive(alice.page, 30_000)
    await bubble(alice.page, 'while the server was down').waitFor()
    await send(alice.page, 'Got it, thanks!')
    await bubble(bob.page, 'Got it, thanks!').waitFor()
    for (const side of [alice, bob]) {
      for (const text of ['while the server was down', 'Are we still on for lunch', 'Got it, thanks!', 'noodle place']) {
        expect(await bubble(side.page, text).count(), `${text} once`).toBe(1)
      }
    }
  })
})
