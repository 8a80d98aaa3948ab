// The production build served where a deployer puts it, not at localhost:3000: another port and
// host (127.0.0.2), no SERVER_URL, ALLOWED_ORIGINS left at its default (so this origin is on no
// list). People chat there without being logged out; pages and the admin panel load with no
// Content-Security-Policy violation, cannot be framed, and have an icon.
import { rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ApiUser, freePort, launchBrowser, messageLog, openChat, person, ProductionServer, watchPage } from './harness'

let server: ProductionServer
let browser: Browser
const dbFile = join(tmpdir(), `payload-chat-e2e-deploy-${process.pid}-${Date.now()}.db`)

beforeAll(async () => {
  server = new ProductionServer(await freePort(), dbFile, {
    host: '127.0.0.2',
    env: { SERVER_URL: undefined, ALLOWED_ORIGINS: undefined, ENV_FILE: join(tmpdir(), 'payload-chat-no-such.env') },
  })
  await server.start()
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
  for (const suffix of ['', '-wal', '-shm']) rmSync(dbFile + suffix, { force: true })
})

describe('served on another host and port, without SERVER_URL', () => {
  it('warns once at start that SERVER_URL is not set', () => {
    expect(server.output.match(/SERVER_URL is not set/g)).toHaveLength(1)
  })

  it('lets Alice open a conversation (marks it read), send and receive live, and stay logged in', async () => {
    const bobApi = await ApiUser.login(server.url, 'bob@example.com', 'bob-password')
    const aliceApi = await ApiUser.login(server.url, 'alice@example.com', 'alice-password')
    await bobApi.send(aliceApi.id, 'unread before Alice opens')

    const { context, page } = await openChat(browser, server.url, 'alice@example.com', 'alice-password')
    const seen = watchPage(page, server.url)
    const read = page.waitForResponse((r) => r.url().endsWith('/api/messages/read') && r.request().method() === 'POST')
    await person(page, 'Bob').click()
    expect((await read).status()).toBe(200)
    await messageLog(page).getByText('unread before Alice opens').waitFor()

    await page.getByLabel('Message', { exact: true }).fill('hello from 127.0.0.2')
    await page.getByLabel('Message', { exact: true }).press('Enter')
    await expect.poll(() => bobApi.countMessages('hello from 127.0.0.2')).toBe(1)
    await expect.poll(() => messageLog(page).getByText(/Sending|Not sent/).count()).toBe(0)

    await bobApi.send(aliceApi.id, 'live reply from Bob')
    await messageLog(page).getByText('live reply from Bob').waitFor()

    await page.reload()
    await person(page, 'Bob').waitFor()
    expect(await page.getByRole('button', { name: 'Log in' }).count()).toBe(0)
    expect(seen.refused).toEqual([])
    expect(seen.violations).toEqual([])
    await context.close()
  })

  it('lets the admin log in to /admin and open the messages, with no CSP violation', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    const seen = watchPage(page, server.url)
    await page.goto(`${server.url}/admin`)
    await page.getByLabel('Email').fill('admin@example.com')
    await page.getByLabel('Password').fill('admin-password')
    await page.getByRole('button', { name: 'Login' }).click()
    await page.getByRole('link', { name: 'Messages' }).first().waitFor()
    await page.goto(`${server.url}/admin/collections/messages`)
    await page.getByText('hello from 127.0.0.2').first().click()
    // Editing asks the server for the form's state: a server function, POSTed to /admin with
    // this page's Origin and the cookie. Refused, it answers 200 with "Unauthorized" inside and
    // the panel shows nothing, so its answer is read on the way.
    const serverFunctions: string[] = []
    await page.route('**/admin/**', async (route) => {
      if (route.request().method() !== 'POST') return route.continue()
      const response = await route.fetch()
      const body = await response.text()
      serverFunctions.push(body)
      await route.fulfill({ response, body })
    })
    await page.locator('#field-content').fill('hello from 127.0.0.2, moderated')
    await expect.poll(() => serverFunctions.length, { timeout: 15_000 }).toBeGreaterThan(0)
    expect(serverFunctions.join('\n')).not.toMatch(/unauthori[sz]ed|must be logged in/i)
    await page.getByRole('button', { name: 'Save' }).click()
    await expect.poll(async () => (await ApiUser.login(server.url, 'bob@example.com', 'bob-password')).countMessages('hello from 127.0.0.2, moderated')).toBe(1)
    expect(seen.violations).toEqual([])
    expect(seen.foreign).toEqual([])
    expect(seen.refused).toEqual([])
    // The panel keeps posting form state after the save: a handler still reading an answer when
    // the page closes must not outlive the test as an unhandled rejection.
    await page.unrouteAll({ behavior: 'ignoreErrors' })
    await context.close()
  })

  it('sends the security headers on the chat page and /admin, and serves the icon', async () => {
    for (const path of ['/', '/admin', '/admin/login']) {
      const response = await fetch(`${server.url}${path}`, { redirect: 'manual' })
      expect(response.headers.get('x-frame-options'), path).toBe('DENY')
      expect(response.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'")
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff')
    }
    expect((await fetch(`${server.url}/`)).headers.get('content-security-policy')).toContain("script-src 'self';")
    const icon = await fetch(`${server.url}/favicon.ico`)
    expect(icon.status).toBe(200)
    expect(icon.headers.get('content-type')).toMatch(/icon/)
  })

  it('cannot be framed by another page', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    const frame = (src: string) => `<iframe src="${server.url}${src}" onload="this.dataset.loaded = 1"></iframe>`
    await page.setContent(frame('/') + frame('/admin/login'))
    await page.waitForFunction(() => [...document.querySelectorAll('iframe')].every((f) => f.dataset.loaded))
    const frames = page.frames().filter((f) => f !== page.mainFrame())
    expect(frames).toHaveLength(2)
    // A refused frame holds Chromium's error page: neither the chat's root nor the admin's form.
    for (const child of frames) expect(await child.locator('#root, form').count(), child.url()).toBe(0)
    await context.close()
  })
})
