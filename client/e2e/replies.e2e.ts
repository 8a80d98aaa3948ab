// Browser end-to-end: replies. Bob and Alice in two browser profiles: a reply carries its quote to
// the other side live, the quote jumps to the original (loading older pages when it is not in the
// first one), and says "Original message removed" once it is gone.
// Needs `pnpm build` at the repository root first, and Chromium at /usr/bin/chromium.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { PAGE_SIZE } from '../src/features/chat/api/chat-api'
import { ApiUser, bubble, composer, messageAction, messageRow, openChat, person, startScene, type ChatPage, type ProductionServer } from './harness'

let server: ProductionServer
let browser: Browser
let stop: (() => Promise<void>) | undefined
let alice: ChatPage
let bob: ChatPage
let aliceApi: ApiUser
let bobApi: ApiUser

// The message the keyboard is on: its text, or null.
const focusedMessage = (page: Page) => page.evaluate(() => document.activeElement?.closest('li.message')?.querySelector('.content')?.textContent ?? null)

beforeAll(async () => {
  // History longer than a page is written through the API: no rate limit in the way.
  const scene = await startScene('replies', { env: { MESSAGE_RATE_PER_SECOND: '1000', MESSAGE_BURST: '1000' } })
  server = scene.server
  browser = scene.browser
  stop = scene.stop
  aliceApi = await ApiUser.login(server.url, 'alice@example.com', 'alice-password')
  bobApi = await ApiUser.login(server.url, 'bob@example.com', 'bob-password')
  alice = await openChat(browser, server.url, 'alice@example.com', 'alice-password')
  bob = await openChat(browser, server.url, 'bob@example.com', 'bob-password')
})

afterAll(async () => {
  await stop?.()
})

describe('replies in a browser', () => {
  it('a reply shows its quote on both sides, live; the quote shows the original', async () => {
    await bobApi.send(aliceApi.id, 'Where shall we eat tonight?')
    await person(alice.page, 'Bob').click()
    await person(bob.page, 'Alice').click()
    await bubble(alice.page, 'Where shall we eat').waitFor()

    await messageAction(alice.page, 'Where shall we eat', 'Reply')
    const bar = alice.page.getByRole('group', { name: 'Reply' })
    expect(await bar.textContent()).toContain('Replying to Bob: Where shall we eat tonight?')
    await composer(alice.page).fill('The noodle bar on 5th')
    await composer(alice.page).press('Enter')
    await bar.waitFor({ state: 'detached' })

    const quote = messageRow(bob.page, 'The noodle bar').getByRole('button', { name: 'In reply to You: Where shall we eat tonight?. Show the original' })
    await quote.waitFor()
    await messageRow(alice.page, 'The noodle bar').getByRole('button', { name: /^In reply to Bob: Where shall we eat tonight\?/ }).waitFor()
    await quote.click()
    await expect.poll(() => focusedMessage(bob.page)).toBe('Where shall we eat tonight?')
    expect(await messageRow(bob.page, 'Where shall we eat').getAttribute('class')).toContain('highlighted')
  })

  it('a quote whose original is older than the first page loads history until it is there', async () => {
    const original = await bobApi.send(aliceApi.id, 'The very first plan: Saturday hike')
    for (let i = 1; i <= PAGE_SIZE + 10; i++) await aliceApi.send(bobApi.id, `filler ${i}`)
    await aliceApi.request('POST', '/api/messages', { receiver: bobApi.id, content: 'About that hike — I am in', replyTo: original.id })
    await bob.page.reload()
    await person(bob.page, 'Alice').click()
    const quote = messageRow(bob.page, 'I am in').getByRole('button', { name: /^In reply to You: The very first plan: Saturday hike/ })
    await quote.waitFor()
    expect(await bubble(bob.page, 'The very first plan').count()).toBe(0) // not in the first page

    await quote.click()
    await expect.poll(() => focusedMessage(bob.page), { timeout: 30_000 }).toBe('The very first plan: Saturday hike')
    expect(await bubble(bob.page, 'The very first plan').isVisible()).toBe(true)

    // Gone: the quote says so (the reply keeps its place).
    await bobApi.request('DELETE', `/api/messages/${original.id}`)
    await bob.page.reload()
    await person(bob.page, 'Alice').click()
    await messageRow(bob.page, 'I am in').getByText('Original message removed').waitFor()
  })
})
