// Browser end-to-end, rooms: three people chat live in a room, a mention badge, a private room an
// outsider can neither see nor open by URL, a member removed while their stream is open, and
// leaving a private room (confirmed in a modal dialog).
// Needs `pnpm build` at the repository root first, and Chromium at /usr/bin/chromium.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ApiUser, bubble, composer, messageAction, messageLog, messageRow, openChat, person, roomEntry, send, startScene, type ChatPage, type ProductionServer } from './harness'

let server: ProductionServer
let browser: Browser
let stop: (() => Promise<void>) | undefined
let alice: ChatPage
let bob: ChatPage
let carol: ChatPage
let aliceApi: ApiUser
let bobApi: ApiUser
let carolApi: ApiUser

const openRoomId = (page: Page) => Number(/^#\/room\/(\d+)$/.exec(new URL(page.url()).hash)?.[1])

async function createRoom(page: Page, name: string, visibility: 'Public' | 'Private', topic = '') {
  await page.getByRole('button', { name: 'Create a room' }).click()
  await page.getByLabel('Room name').fill(name)
  if (topic) await page.getByLabel('Topic (optional)').fill(topic)
  await page.getByRole('radio', { name: new RegExp(`^${visibility}:`) }).check()
  await page.getByRole('button', { name: 'Create room' }).click()
  await page.getByRole('log', { name: `Messages in #${name}` }).waitFor({ state: 'attached' })
  return openRoomId(page)
}

beforeAll(async () => {
  const scene = await startScene('rooms')
  server = scene.server
  browser = scene.browser
  stop = scene.stop
  aliceApi = await ApiUser.login(server.url, 'alice@example.com', 'alice-password')
  bobApi = await ApiUser.login(server.url, 'bob@example.com', 'bob-password')
  const signUp = await fetch(`${server.url}/api/users`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'Carol', email: 'carol@example.com', password: 'carol-password' }),
  })
  expect(signUp.status).toBe(201)
  carolApi = await ApiUser.login(server.url, 'carol@example.com', 'carol-password')
  alice = await openChat(browser, server.url, 'alice@example.com', 'alice-password')
  bob = await openChat(browser, server.url, 'bob@example.com', 'bob-password')
  carol = await openChat(browser, server.url, 'carol@example.com', 'carol-password')
})

afterAll(async () => {
  await stop?.()
})

describe('Rooms in a browser', () => {
  it('a new user is in #general from sign-up', async () => {
    await roomEntry(carol.page, 'general').waitFor()
  })

  it('three people chat live in a room, each message under its sender’s name', async () => {
    const id = await createRoom(alice.page, 'lunch-club', 'Public', 'Where do we eat?')
    // Bob finds it among the public rooms; Carol follows a link to it and joins from there.
    await bob.page.getByRole('button', { name: 'Browse' }).click()
    await bob.page.getByRole('button', { name: 'Join #lunch-club' }).click()
    await bob.page.getByRole('log', { name: 'Messages in #lunch-club' }).waitFor({ state: 'attached' })
    await carol.page.goto(`${server.url}/#/room/${id}`)
    await carol.page.getByRole('button', { name: 'Join #lunch-club' }).click()
    await carol.page.getByRole('log', { name: 'Messages in #lunch-club' }).waitFor({ state: 'attached' })
    await alice.page.getByRole('button', { name: '3 members' }).waitFor()

    await send(alice.page, 'Noodles at 12:30?')
    await send(bob.page, 'Count me in')
    await send(carol.page, 'Me too, see you there')
    for (const side of [alice, bob, carol]) {
      for (const text of ['Noodles at 12:30?', 'Count me in', 'Me too, see you there']) await bubble(side.page, text).waitFor()
    }
    // Others' messages show who wrote them; every message is there once, in the order sent.
    await messageRow(carol.page, 'Count me in').getByText('Bob', { exact: true }).waitFor()
    await messageRow(bob.page, 'Noodles at 12:30?').getByText('Alice', { exact: true }).waitFor()
    for (const side of [alice, bob, carol]) {
      expect(await messageLog(side.page).locator('.content').allTextContents()).toEqual(['Noodles at 12:30?', 'Count me in', 'Me too, see you there'])
    }
  })

  it('a mention shows as a badge on the room until it is read, and is highlighted there', async () => {
    // Alice looks at something else; Bob mentions her with the @ picker.
    await person(alice.page, 'Carol').click()
    await composer(bob.page).pressSequentially('@Ali')
    await bob.page.getByRole('listbox', { name: 'Mention someone' }).getByRole('option', { name: '@Alice' }).waitFor()
    await composer(bob.page).press('Enter')
    await composer(bob.page).pressSequentially('can you book the table?')
    await composer(bob.page).press('Enter')

    const entry = roomEntry(alice.page, 'lunch-club')
    await expect.poll(() => entry.getAttribute('aria-label')).toBe('#lunch-club, 1 unread, 1 mention')
    expect(await entry.getByTestId('mention-badge').textContent()).toBe('@1')
    // Carol was not mentioned: unread, no badge.
    await expect.poll(() => roomEntry(carol.page, 'lunch-club').getAttribute('aria-label')).toBe('#lunch-club')

    await entry.click()
    const row = messageRow(alice.page, 'can you book the table?')
    await row.waitFor()
    expect(await row.getAttribute('class')).toContain('mentioned')
    await expect.poll(() => roomEntry(alice.page, 'lunch-club').getAttribute('aria-label')).toBe('#lunch-club')
    expect(await roomEntry(alice.page, 'lunch-club').getByTestId('mention-badge').count()).toBe(0)
  })

  it('a mention edited out leaves the badge and the highlight with it', async () => {
    // Bob looks at something else; Alice mentions him with the @ picker, then edits the mention out.
    await person(bob.page, 'Carol').click()
    await composer(alice.page).pressSequentially('@Bo')
    await alice.page.getByRole('listbox', { name: 'Mention someone' }).getByRole('option', { name: '@Bob' }).waitFor()
    await composer(alice.page).press('Enter')
    await composer(alice.page).pressSequentially('running late, start without me')
    await composer(alice.page).press('Enter')
    const entry = roomEntry(bob.page, 'lunch-club')
    await expect.poll(() => entry.getAttribute('aria-label')).toBe('#lunch-club, 1 unread, 1 mention')

    await messageAction(alice.page, 'running late', 'Edit')
    await alice.page.getByLabel('Edit message').fill('running late, start without us')
    await alice.page.getByLabel('Edit message').press('Enter')
    await bubble(alice.page, 'start without us').waitFor()
    await expect.poll(() => entry.getAttribute('aria-label')).toBe('#lunch-club, 1 unread')
    expect(await entry.getByTestId('mention-badge').count()).toBe(0)
    await entry.click()
    const row = messageRow(bob.page, 'start without us')
    await row.waitFor()
    expect(await row.getAttribute('class')).not.toContain('mentioned')
  })

  it('a private room: an outsider neither sees it nor opens it by URL', async () => {
    const id = await createRoom(alice.page, 'surprise-party', 'Private')
    await alice.page.getByRole('button', { name: '1 member' }).click()
    await alice.page.getByLabel('Add someone').selectOption({ label: 'Bob' })
    await alice.page.getByRole('button', { name: 'Add', exact: true }).click()
    await alice.page.getByRole('list', { name: 'Members' }).getByText('Bob').waitFor()
    await alice.page.getByRole('button', { name: 'Close' }).click()
    // Bob, added elsewhere, sees the room appear.
    await roomEntry(bob.page, 'surprise-party').waitFor()
    await send(alice.page, 'Cake for Carol on Friday!')
    await roomEntry(bob.page, 'surprise-party').filter({ hasText: 'Cake for Carol' }).waitFor()

    expect(await roomEntry(carol.page, 'surprise-party').count()).toBe(0)
    await carol.page.getByRole('button', { name: 'Browse' }).click()
    await carol.page.getByRole('list', { name: 'Public rooms' }).waitFor()
    expect(await carol.page.getByRole('list', { name: 'Public rooms' }).getByText('surprise-party').count()).toBe(0)
    await carol.page.goto(`${server.url}/#/room/${id}`)
    await carol.page.getByRole('heading', { name: 'Room not found' }).waitFor()
    expect(await carol.page.getByRole('log').count()).toBe(0)
    expect(await carol.page.getByText(/surprise|Cake/).count()).toBe(0)
    expect(await carolApi.countMessages('Cake for Carol on Friday!')).toBe(0)
    expect(await bobApi.countMessages('Cake for Carol on Friday!')).toBe(1)
  })

  it('a member removed while their stream is open sees the room go away with a note, and receives nothing after', async () => {
    await roomEntry(bob.page, 'surprise-party').click()
    await bubble(bob.page, 'Cake for Carol').waitFor()
    // A second stream in Bob's browser records what the server sends him (the app drops events of
    // rooms it does not show, so its screen alone could not tell).
    await bob.page.evaluate(() => {
      const w = window as unknown as { seen: string[]; probe: EventSource }
      w.seen = []
      w.probe = new EventSource('/api/messages/sse')
      for (const name of ['message.created', 'room.member.left']) {
        w.probe.addEventListener(name, (event) => w.seen.push(`${name} ${(event as MessageEvent<string>).data}`))
      }
    })
    await bob.page.waitForFunction(() => (window as unknown as { probe: EventSource }).probe.readyState === EventSource.OPEN)
    const seen = () => bob.page.evaluate(() => (window as unknown as { seen: string[] }).seen)
    // While he is a member the probe sees the room's messages.
    await send(alice.page, 'Balloons: blue or gold?')
    await expect.poll(async () => (await seen()).some((event) => event.includes('Balloons: blue or gold?'))).toBe(true)

    await alice.page.getByRole('button', { name: '2 members' }).click()
    await alice.page.getByRole('button', { name: 'Remove Bob' }).click()
    await bob.page.getByRole('status').filter({ hasText: 'You were removed from #surprise-party' }).waitFor()
    await bob.page.getByRole('heading', { name: 'Room not found' }).waitFor()
    expect(await roomEntry(bob.page, 'surprise-party').count()).toBe(0)
    expect(await bob.page.getByText('Cake for Carol').count()).toBe(0)

    // Alice writes in the room, then a DM to Bob: the stream is in commit order, so once the DM
    // is on Bob's screen the room message would have been too, had it been sent to him.
    await alice.page.getByRole('button', { name: 'Close' }).click()
    await send(alice.page, 'Bob is out, it is a surprise for him too')
    await aliceApi.send(bobApi.id, 'Are you free on Friday?')
    await person(bob.page, 'Alice').filter({ hasText: 'Are you free on Friday?' }).waitFor()
    await expect.poll(async () => (await seen()).some((event) => event.includes('Are you free on Friday?'))).toBe(true)
    const events = await seen()
    expect(events.some((event) => event.startsWith('room.member.left') && event.includes('surprise-party'))).toBe(true)
    expect(events.filter((event) => event.includes('surprise for him too'))).toEqual([])
    await bob.page.evaluate(() => (window as unknown as { probe: EventSource }).probe.close())
    expect(await bob.page.getByText('it is a surprise for him too').count()).toBe(0)
    expect(await bobApi.countMessages('Bob is out, it is a surprise for him too')).toBe(0)
    expect(await roomEntry(bob.page, 'surprise-party').count()).toBe(0)
  })

  it('leaving a private room asks first, in a modal dialog: Escape cancels, Leave confirms', async () => {
    const { page } = alice
    await roomEntry(page, 'surprise-party').click()
    await page.getByRole('log', { name: 'Messages in #surprise-party' }).waitFor({ state: 'attached' })
    const leave = page.getByRole('button', { name: 'Leave', exact: true })
    const dialog = page.getByRole('alertdialog', { name: 'Leave #surprise-party?' })
    const focused = () => page.evaluate(() => document.activeElement?.textContent)
    await leave.click()
    await dialog.waitFor()
    // Alice is its last member now (Bob was removed): the dialog says what that means.
    expect(await dialog.textContent()).toContain('You are its last member')
    expect(await dialog.evaluate((element) => element.matches(':modal'))).toBe(true)
    await expect.poll(focused).toBe('Cancel')
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
    await expect.poll(focused).toBe('Leave')
    expect(await roomEntry(page, 'surprise-party').count()).toBe(1)

    await leave.click()
    await dialog.getByRole('button', { name: 'Leave' }).click()
    await page.getByRole('status').filter({ hasText: 'You left #surprise-party' }).waitFor()
    expect(await roomEntry(page, 'surprise-party').count()).toBe(0)
    expect(alice.dialogs).toEqual([])
  })
})
