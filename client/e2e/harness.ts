// E2E harness: runs the BUILT production server (run `pnpm build` at the root first) through the
// server package's launcher, on a given SQLite file and port, talks to its REST API as any user,
// and drives the system Chromium.
import { rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core'

import { launchProductionServer, type LaunchedServer } from '../../server/tooling/launch-server.mjs'

import { freePort } from '../../server/tooling/launch-server.mjs'

export { freePort }

const here = dirname(fileURLToPath(import.meta.url))
export const repoRoot = join(here, '..', '..')
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

export interface ServerOptions {
  // The host name the browser and the API clients use (default `localhost`).
  host?: string
  // Environment over the defaults below; `undefined` removes a variable (e.g. SERVER_URL).
  env?: Record<string, string | undefined>
}

// One server that a scenario can stop like a crash and start again on the same file and port.
export class ProductionServer {
  private process: LaunchedServer | null = null
  private log = ''
  readonly url: string

  constructor(
    readonly port: number,
    readonly dbFile: string,
    private readonly options: ServerOptions = {},
  ) {
    this.url = `http://${options.host ?? 'localhost'}:${port}`
  }

  async start(): Promise<void> {
    this.process = await launchProductionServer({
      host: this.options.host ?? 'localhost',
      port: this.port,
      databaseFile: this.dbFile,
      env: {
        PAYLOAD_SECRET: 'e2e-secret-0123456789abcdef0123456789abcdef',
        SEED_DEMO_USERS: 'true',
        // The scenarios log in as the demo users; production refuses them without this.
        UNSAFE_ALLOW_DEMO_PASSWORDS: 'true',
        SERVER_URL: this.url,
        ALLOWED_ORIGINS: this.url,
        SSE_POLL_INTERVAL_MS: '500',
        ...this.options.env,
      },
    })
  }

  // SIGKILL, like a crash.
  async stop(): Promise<void> {
    if (!this.process) return
    this.log += this.process.output()
    await this.process.kill('SIGKILL')
    this.process = null
  }

  // Everything every start of this server printed.
  get output(): string {
    return this.log + (this.process?.output() ?? '')
  }
}

// One e2e file's world: a production server on a fresh database file, and Chromium. `stop` ends
// both and deletes the database.
export async function startScene(name: string, options: ServerOptions = {}) {
  const dbFile = join(tmpdir(), `payload-chat-e2e-${name}-${process.pid}-${Date.now()}.db`)
  const server = new ProductionServer(await freePort(), dbFile, options)
  await server.start()
  const browser = await launchBrowser()
  const stop = async () => {
    await browser.close()
    await server.stop()
    for (const suffix of ['', '-wal', '-shm']) rmSync(dbFile + suffix, { force: true })
  }
  return { server, browser, stop }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

// REST as a given user, with a JWT header (no cookie, so no CSRF concerns).
export class ApiUser {
  private constructor(
    private readonly base: string,
    private readonly token: string,
    readonly id: number,
  ) {}

  static async login(base: string, email: string, password: string): Promise<ApiUser> {
    const response = await fetch(`${base}/api/users/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password }),
    })
    if (!response.ok) throw new Error(`login ${email}: ${response.status} ${await response.text()}`)
    const body = (await response.json()) as { token: string; user: { id: number } }
    return new ApiUser(base, body.token, body.user.id)
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: { Authorization: `JWT ${this.token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    })
    const text = await response.text()
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`)
    return JSON.parse(text) as T
  }

  send(receiver: number, content: string) {
    return this.request<{ doc: { id: number } }>('POST', '/api/messages', { receiver, content }).then((r) => r.doc)
  }

  // How many messages this user may read with exactly this content.
  async countMessages(content: string): Promise<number> {
    const query = new URLSearchParams({ 'where[content][equals]': content, limit: '1', depth: '0' })
    return (await this.request<{ totalDocs: number }>('GET', `/api/messages?${query}`)).totalDocs
  }
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
}

export interface ChatPage {
  context: BrowserContext
  page: Page
  dialogs: string[]
}

// The chat's connection badge says Live: the stream is open.
export const waitLive = (page: Page, timeout?: number) => page.getByTestId('connection').filter({ hasText: 'Live' }).waitFor({ timeout })

export interface OpenChatOptions extends BrowserContextOptions {
  // Runs in the page before the app's own scripts, on every load (e.g. to record notifications).
  initScript?: () => void
}

// A fresh browser profile logged in as `email`, its chat live.
export async function openChat(browser: Browser, base: string, email: string, password: string, options: OpenChatOptions = {}): Promise<ChatPage> {
  const { initScript, ...contextOptions } = options
  const context = await browser.newContext({ viewport: { width: 1100, height: 720 }, locale: 'en-US', ...contextOptions })
  const page = await context.newPage()
  if (initScript) await page.addInitScript(initScript)
  const dialogs: string[] = []
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message())
    void dialog.dismiss()
  })
  await page.goto(base)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Log in' }).click()
  await page.getByRole('navigation', { name: 'Chats' }).waitFor()
  await waitLive(page)
  return { context, page, dialogs }
}

// What a page's console says about Content-Security-Policy violations, the requests it sends to
// any other origin (a CDN: the CSP would refuse them, and a self-hosted app must not need them)
// and the answers that refuse it (401/403).
export function watchPage(page: Page, base: string) {
  const violations: string[] = []
  const foreign: string[] = []
  const refused: string[] = []
  const origin = new URL(base).origin
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text())
  })
  page.on('request', (request) => {
    const url = new URL(request.url())
    if (/^https?:$/.test(url.protocol) && url.origin !== origin) foreign.push(request.url())
  })
  page.on('response', (response) => {
    if (response.status() === 401 || response.status() === 403) refused.push(`${response.request().method()} ${response.url()} ${response.status()}`)
  })
  return { violations, foreign, refused }
}

// The admin panel, logged in as the demo admin, with its page watched from the first request.
export async function openAdmin(browser: Browser, base: string) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' })
  const page = await context.newPage()
  const seen = watchPage(page, base)
  await page.goto(`${base}/admin`)
  await page.getByLabel('Email').fill('admin@example.com')
  await page.getByLabel('Password').fill('admin-password')
  await page.getByRole('button', { name: /log ?in/i }).click()
  await page.waitForURL(/\/admin(?!\/login)/)
  return { context, page, seen }
}

export const person = (page: Page, name: string) =>
  page.getByRole('list', { name: 'Direct messages' }).getByRole('button', { name: new RegExp(`^${name}\\b`) })

// A room in the sidebar's Rooms list, by name (its label may go on with unread and mention counts).
export const roomEntry = (page: Page, name: string) =>
  page.getByRole('list', { name: 'Rooms' }).getByRole('button', { name: new RegExp(`^#${name}(,|$)`) })

export const messageLog = (page: Page) => page.getByRole('log')

// A message's text, and its whole row (with its buttons), by (part of) its text (not a quote's).
export const bubble = (page: Page, text: string) => messageLog(page).locator('.content', { hasText: text })
export const messageRow = (page: Page, text: string) => messageLog(page).getByRole('listitem').filter({ has: page.locator('.content', { hasText: text }) })

// Opens the "More actions" menu of the message with `text` and picks `action` (Reply, React, Edit,
// Delete, Report).
export async function messageAction(page: Page, text: string, action: 'Reply' | 'React' | 'Edit' | 'Delete' | 'Report') {
  const row = messageRow(page, text)
  await row.hover()
  await row.getByRole('button', { name: 'More actions' }).click()
  await page.getByRole('menu', { name: 'Message actions' }).getByRole('menuitem', { name: action }).click()
}
export const composer = (page: Page) => page.getByLabel('Message', { exact: true })

// Writes `text` in the open conversation's composer and sends it with Enter.
export async function send(page: Page, text: string) {
  await composer(page).fill(text)
  await composer(page).press('Enter')
}
