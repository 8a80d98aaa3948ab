// Browser end-to-end: images and files in messages (issue #17). Alice attaches an image with the
// file picker, a PDF by dropping it and a screenshot by pasting; Bob sees them live, the image in
// space reserved before it loads, opens the viewer and downloads the PDF; Carol, who is not in the
// conversation, cannot fetch the files. Uploads show progress, may be cancelled, and say why a file
// was refused. Needs `pnpm build` at the repository root first.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { dropFiles, pasteFiles, pdf, png } from './files'
import { ApiUser, composer, messageRow, openChat, person, send, startScene, type ChatPage, type ProductionServer } from './harness'

let server: ProductionServer
let browser: Browser
let stop: (() => Promise<void>) | undefined
let alice: ChatPage
let bob: ChatPage
let aliceApi: ApiUser
let carolToken = ''

// The server stores each file under a unique name made from the original (`harbour-3f2a….png`).
const HARBOUR = /^harbour-\w+\.png$/
const HARBOUR_TITLE = /^harbour-\w+\.png/
const REPORT = /report-\w+\.pdf/

const tray = (page: Page) => page.getByRole('list', { name: 'Files to send' })
const sendButton = (page: Page) => page.getByRole('button', { name: 'Send', exact: true })

// Waits until the file's upload finished (its chip offers Remove instead of Cancel) and checks it
// did not fail (a failed chip says why, in an alert).
async function uploaded(page: Page, name: string) {
  const chip = tray(page).getByRole('listitem').filter({ hasText: name })
  await chip.getByRole('button', { name: `Remove ${name}` }).waitFor()
  expect(await chip.getByRole('alert').count(), await chip.textContent() ?? '').toBe(0)
}

beforeAll(async () => {
  const scene = await startScene('attachments')
  server = scene.server
  browser = scene.browser
  stop = scene.stop
  aliceApi = await ApiUser.login(server.url, 'alice@example.com', 'alice-password')
  const signup = await fetch(`${server.url}/api/users`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'Carol', email: 'carol@example.com', password: 'carol-password' }),
  })
  expect(signup.status).toBe(201)
  const login = await fetch(`${server.url}/api/users/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'carol@example.com', password: 'carol-password' }),
  })
  carolToken = ((await login.json()) as { token: string }).token
  alice = await openChat(browser, server.url, 'alice@example.com', 'alice-password')
  bob = await openChat(browser, server.url, 'bob@example.com', 'bob-password')
  await person(alice.page, 'Bob').click()
  await person(bob.page, 'Alice').click()
})

afterAll(async () => {
  await stop?.()
})

describe('Attachments in a browser', () => {
  let imageUrl = ''
  let thumbnailUrl = ''
  let pdfUrl = ''

  it('sends an image picked with the file picker and a PDF dropped on the conversation; Bob sees them live', async () => {
    const { page } = alice
    await page.getByLabel('Files to attach').setInputFiles(await png('harbour.png', 800, 600))
    await dropFiles(page, page.getByRole('region', { name: 'Conversation with Bob' }), [pdf('report.pdf')])
    await uploaded(page, 'harbour.png')
    await uploaded(page, 'report.pdf')
    expect(await tray(page).getByRole('listitem').allTextContents()).toEqual([expect.stringContaining('harbour.png'), expect.stringContaining('report.pdf')])

    // Bob's thumbnails wait until he has measured the space they take before loading.
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    await bob.page.route(/\/api\/attachments\/file\/harbour.*480/, async (route) => {
      await held
      await route.continue()
    })

    await send(page, 'The harbour, and the report')
    await expect.poll(() => tray(page).count()).toBe(0)

    const row = messageRow(bob.page, 'The harbour, and the report')
    const image = row.getByRole('img', { name: HARBOUR })
    await image.waitFor()
    expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(0) // not loaded yet
    const reserved = await image.boundingBox()
    expect(reserved?.width).toBeCloseTo(240, 0)
    expect(reserved?.height).toBeCloseTo(180, 0)
    release()
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(480)
    const loaded = await image.boundingBox()
    expect([loaded?.width, loaded?.height]).toEqual([reserved?.width, reserved?.height])
    thumbnailUrl = (await image.getAttribute('src')) ?? ''

    const link = row.getByRole('link', { name: REPORT })
    expect(await link.textContent()).toMatch(/^📎 report-\w+\.pdf · \d+ bytes$/)
    pdfUrl = (await link.getAttribute('href')) ?? ''
  })

  it('opens the full-size image in a viewer that Escape closes, back on the thumbnail', async () => {
    const { page } = bob
    const thumbnail = messageRow(page, 'The harbour, and the report').getByRole('button', { name: HARBOUR })
    await thumbnail.click()
    const viewer = page.getByRole('dialog', { name: HARBOUR_TITLE })
    await viewer.waitFor()
    const full = viewer.getByRole('img', { name: HARBOUR })
    await expect.poll(() => full.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(800)
    imageUrl = (await full.getAttribute('src')) ?? ''
    // The page behind is out of reach while it is open.
    expect(await page.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(true)
    await page.keyboard.press('Escape')
    await viewer.waitFor({ state: 'detached' })
    expect(await thumbnail.evaluate((el) => el === document.activeElement)).toBe(true)
  })

  it('downloads the PDF with Bob\'s cookie, while Carol and nobody at all get nothing', async () => {
    const { page } = bob
    const [download] = await Promise.all([page.waitForEvent('download'), messageRow(page, 'The harbour, and the report').getByRole('link', { name: REPORT }).click()])
    expect(download.suggestedFilename()).toMatch(/^report-\w+\.pdf$/)
    expect(await download.failure()).toBeNull()
    // The same link fetched by the page, with its cookie, as the download was.
    const answer = await page.evaluate(async (url) => {
      const response = await fetch(url)
      return { status: response.status, type: response.headers.get('content-type'), start: (await response.text()).slice(0, 5) }
    }, pdfUrl)
    expect(answer).toEqual({ status: 200, type: expect.stringContaining('application/pdf'), start: '%PDF-' })

    for (const url of [imageUrl, thumbnailUrl, pdfUrl]) {
      const href = new URL(url, server.url)
      expect(href.origin + href.pathname).toMatch(new RegExp(`^${server.url}/api/attachments/file/`))
      const asCarol = await fetch(href, { headers: { Authorization: `JWT ${carolToken}` } })
      expect([403, 404]).toContain(asCarol.status)
      const anonymous = await fetch(href)
      expect([401, 403, 404]).toContain(anonymous.status)
    }
  })

  it('attaches a pasted screenshot, and sends files without any text', async () => {
    const { page } = alice
    await pasteFiles(page, composer(page), [await png('screenshot.png', 300, 200, '#cc6633')])
    await uploaded(page, 'screenshot.png')
    expect(await composer(page).inputValue()).toBe('')
    await sendButton(page).click()
    const image = bob.page.getByRole('log').getByRole('img', { name: /^screenshot-\w+\.png$/ })
    await image.waitFor()
    expect(await bob.page.getByRole('log').locator('.content', { hasText: 'screenshot' }).count()).toBe(0)
    // Bob's sidebar says what came.
    await expect.poll(() => bob.page.locator(`#preview-${aliceApi.id}`).textContent()).toMatch(/^🖼 screenshot-\w+\.png$/)
  })

  it('cancels an upload mid-way: nothing is kept, nothing is sent', async () => {
    const { page } = alice
    const before = await aliceApi.request<{ totalDocs: number }>('GET', '/api/attachments?limit=1&depth=0')
    // The upload is held on its way to the server until it is cancelled.
    let reached!: () => void
    const arrived = new Promise<void>((resolve) => (reached = resolve))
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    await page.route('**/api/attachments', async (route) => {
      reached()
      await held
      // The browser already gave up on it; should it not have, it never reaches the server.
      await route.abort().catch(() => undefined)
    })
    await page.getByLabel('Files to attach').setInputFiles(await png('slow.png', 1200, 900))
    await arrived
    const progress = tray(page).getByRole('progressbar', { name: 'Uploading slow.png' })
    await progress.waitFor()
    expect(await sendButton(page).isDisabled()).toBe(true)
    await tray(page).getByRole('button', { name: 'Cancel upload of slow.png' }).click()
    await expect.poll(() => tray(page).count()).toBe(0)
    expect(await sendButton(page).isDisabled()).toBe(true)
    release()
    await page.unroute('**/api/attachments')
    const after = await aliceApi.request<{ totalDocs: number }>('GET', '/api/attachments?limit=1&depth=0')
    expect(after.totalDocs).toBe(before.totalDocs)
  })

  it('says in words why a file cannot be sent: too big before uploading, a refused type from the server', async () => {
    const { page } = alice
    let posted = 0
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/api/attachments')) posted++
    })
    // Made in the page: 11 MB through the browser protocol is slow for nothing.
    await page.getByLabel('Files to attach').evaluate((input: HTMLInputElement) => {
      const transfer = new DataTransfer()
      transfer.items.add(new File([new Uint8Array(11 * 1024 * 1024)], 'huge.bin'))
      input.files = transfer.files
      input.dispatchEvent(new Event('change', { bubbles: true }))
    })
    const chip = tray(page).getByRole('listitem').filter({ hasText: 'huge.bin' })
    expect(await chip.getByRole('alert').textContent()).toBe('huge.bin is 11 MB: files can be at most 10 MB.')
    expect(posted).toBe(0)

    await page.getByLabel('Files to attach').setInputFiles({ name: 'tool.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ\x90\x00 not a document') })
    const refused = tray(page).getByRole('listitem').filter({ hasText: 'tool.exe' }).getByRole('alert')
    await refused.waitFor()
    expect(posted).toBe(1)
    expect(await refused.textContent()).toMatch(/^tool\.exe cannot be sent|not allowed|not accepted/)
    await composer(page).fill('with broken files')
    expect(await sendButton(page).isDisabled()).toBe(true)
    await tray(page).getByRole('button', { name: 'Remove huge.bin' }).click()
    await tray(page).getByRole('button', { name: 'Remove tool.exe' }).click()
    expect(await sendButton(page).isDisabled()).toBe(false)
  })
})
