// Browser end-to-end: reactions. A reaction Alice picks appears live for Bob with its count and
// what a screen reader says; Bob adds his; both are taken back, and the bar goes.
// Needs `pnpm build` at the repository root first, and Chromium at /usr/bin/chromium.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ApiUser, bubble, messageAction, messageRow, openChat, person, startScene, type ChatPage, type ProductionServer } from './harness'

let server: ProductionServer
let browser: Browser
let stop: (() => Promise<void>) | undefined
let alice: ChatPage
let bob: ChatPage

// The reaction buttons under the message with `text`, as a screen reader names them.
const reactionsOf = (page: Page, text: string) => messageRow(page, text).getByRole('group', { name: 'Reactions' }).getByRole('button')
const labels = (page: Page, text: string) => reactionsOf(page, text).evaluateAll((buttons) => buttons.map((b) => `${b.getAttribute('aria-label')}|${b.getAttribute('aria-pressed') ?? '-'}`))

beforeAll(async () => {
  const scene = await startScene('reactions')
  server = scene.server
  browser = scene.browser
  stop = scene.stop
  const aliceApi = await ApiUser.login(server.url, 'alice@example.com', 'alice-password')
  const bobApi = await ApiUser.login(server.url, 'bob@example.com', 'bob-password')
  await bobApi.send(aliceApi.id, 'Pizza tonight?')
  alice = await openChat(browser, server.url, 'alice@example.com', 'alice-password')
  bob = await openChat(browser, server.url, 'bob@example.com', 'bob-password')
  await person(alice.page, 'Bob').click()
  await person(bob.page, 'Alice').click()
  await bubble(alice.page, 'Pizza tonight?').waitFor()
  await bubble(bob.page, 'Pizza tonight?').waitFor()
})

afterAll(async () => {
  await stop?.()
})

describe('reactions in a browser', () => {
  it('a reaction picked by Alice appears live for Bob with its count; each toggles theirs; the bar goes when none is left', async () => {
    await messageAction(alice.page, 'Pizza tonight?', 'React')
    await alice.page.getByRole('menu', { name: 'Pick a reaction' }).getByRole('menuitemcheckbox', { name: 'React with thumbs up' }).click()
    await expect.poll(() => labels(alice.page, 'Pizza tonight?')).toEqual(['👍 1 reaction, including you|true', 'Add a reaction|-'])
    await expect.poll(() => labels(bob.page, 'Pizza tonight?')).toEqual(['👍 1 reaction|false', 'Add a reaction|-'])

    await reactionsOf(bob.page, 'Pizza tonight?').filter({ hasText: '👍' }).click()
    await expect.poll(() => labels(bob.page, 'Pizza tonight?')).toEqual(['👍 2 reactions, including you|true', 'Add a reaction|-'])
    await expect.poll(() => labels(alice.page, 'Pizza tonight?')).toEqual(['👍 2 reactions, including you|true', 'Add a reaction|-'])

    // Bob adds 🎉 from the bar's "+": it goes after 👍 on both sides.
    await messageRow(bob.page, 'Pizza tonight?').getByRole('button', { name: 'Add a reaction' }).click()
    await bob.page.getByRole('menu', { name: 'Pick a reaction' }).getByRole('menuitemcheckbox', { name: 'React with party popper' }).click()
    await expect.poll(() => labels(alice.page, 'Pizza tonight?')).toEqual(['👍 2 reactions, including you|true', '🎉 1 reaction|false', 'Add a reaction|-'])

    await reactionsOf(alice.page, 'Pizza tonight?').filter({ hasText: '👍' }).click()
    await expect.poll(() => labels(bob.page, 'Pizza tonight?')).toEqual(['👍 1 reaction, including you|true', '🎉 1 reaction, including you|true', 'Add a reaction|-'])
    await reactionsOf(bob.page, 'Pizza tonight?').filter({ hasText: '👍' }).click()
    await reactionsOf(bob.page, 'Pizza tonight?').filter({ hasText: '🎉' }).click()
    await expect.poll(() => reactionsOf(alice.page, 'Pizza tonight?').count()).toBe(0)
    await expect.poll(() => reactionsOf(bob.page, 'Pizza tonight?').count()).toBe(0)
  })

  it('a reload shows the reactions as they are', async () => {
    await messageAction(bob.page, 'Pizza tonight?', 'React')
    await bob.page.getByRole('menu', { name: 'Pick a reaction' }).getByRole('menuitemcheckbox', { name: 'React with fire' }).click()
    await expect.poll(() => labels(alice.page, 'Pizza tonight?')).toEqual(['🔥 1 reaction|false', 'Add a reaction|-'])
    await alice.page.reload()
    await person(alice.page, 'Bob').click()
    await expect.poll(() => labels(alice.page, 'Pizza tonight?')).toEqual(['🔥 1 reaction|false', 'Add a reaction|-'])
  })
})
