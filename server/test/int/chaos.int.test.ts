// Chaos: the server process is SIGKILLed twice while 6 streams listen and 4 senders post without
// pause; between kill and restart another process writes to the database file. Streams resume
// with Last-Event-ID against the restarted process (on a new port), and also after random
// network blips while posts commit, so replay and live delivery overlap. Every message the database
// holds must reach the streams of both its sender and its receiver exactly once, in change-id
// order: if the change feed skipped a row, replayed one twice or lost one across a crash, the
// raw per-stream counts below differ from the database.
import { afterAll, expect, it, vi } from 'vitest'

import { api } from '../helpers/api'
import { type Connection, connectElsewhere } from '../helpers/external-sql.mjs'
import { createCast, type Actor } from '../helpers/fixtures'
import { prng } from '../helpers/prng'
import { RestartableServer } from '../helpers/restartable-server'
import { ResumingStream } from '../helpers/resuming-stream'
import { parseData } from '../helpers/sse-client'
import { onPostgres } from '../helpers/test-env'
import { writeFromAnotherProcess } from '../helpers/write-from-another-process'

const SEED = Number(process.env.CHAOS_SEED ?? 20261124)
const SENDERS = 4
const CRASHES = 2
const RUN_BETWEEN_CRASHES_MS = 1500
const OFFLINE_WRITES = 20
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

interface Post {
  content: string
  epoch: number
  // The 2xx answer's message id; undefined when the request failed (the process died under it).
  ackedId?: number
  status?: number
  error?: string
}

let server: RestartableServer | undefined
const streams: ResumingStream[] = []
afterAll(async () => {
  await Promise.all(streams.map((s) => s.stop()))
  await server?.stop()
})

// Each sender posts DMs between random members, one after another, until told to stop. A request
// cut by the kill is recorded as failed and the sender waits for the next process.
function startSenders(members: Actor[], until: () => boolean): { posts: Post[]; done: Promise<unknown> } {
  const random = prng(SEED)
  const posts: Post[] = []
  const loop = async (loopId: number) => {
    for (let n = 0; !until(); n++) {
      const from = random.pick(members)
      const to = random.pick(members.filter((m) => m !== from))
      const post: Post = { content: `chaos ${loopId}-${n}`, epoch: server!.epoch }
      posts.push(post)
      try {
        const res = await api(await server!.url()).post('/api/messages', { receiver: to.id, content: post.content }, from.token)
        post.status = res.status
        if (res.status >= 200 && res.status < 300) post.ackedId = res.body.doc.id
      } catch (error) {
        post.error = String((error as Error).cause ?? error)
        await sleep(20)
      }
    }
  }
  return { posts, done: Promise.all(Array.from({ length: SENDERS }, (_, i) => loop(i))) }
}

// Read straight from the database, as the truth the streams are compared with.
async function queryDatabase<T>(run: (db: Connection) => Promise<T>): Promise<T> {
  const db = await connectElsewhere(process.env.DATABASE_URI!)
  try {
    return await run(db)
  } finally {
    await db.close()
  }
}

const storedChaosMessages = () =>
  queryDatabase(async (db) =>
    (await db.execute(`SELECT id, content, sender_id, receiver_id FROM messages WHERE content LIKE 'chaos %'`)).map((row) => ({
      id: Number(row.id),
      content: String(row.content),
      sender: Number(row.sender_id),
      receiver: Number(row.receiver_id),
    })),
  )

const latestChangeIdFor = (userId: number) =>
  queryDatabase(async (db) => {
    // PostgreSQL: a change's id is the position the running server's sequencer gives it after its
    // commit (its streams' polls sequence what the killed process and the script left).
    if (onPostgres) {
      const pending = async () => Number((await db.execute('SELECT COUNT(*) AS n FROM message_changes WHERE position IS NULL'))[0]!.n)
      await vi.waitFor(async () => expect(await pending()).toBe(0), { timeout: 15_000, interval: 50 })
    }
    const rows = await db.execute(`SELECT MAX(${onPostgres ? 'position' : 'id'}) AS id FROM message_changes WHERE sender_id = ? OR receiver_id = ?`, [userId, userId])
    return Number(rows[0]!.id ?? 0)
  })

it(`delivers every stored message exactly once to each participant's streams across ${CRASHES} SIGKILLs`, async () => {
  server = await RestartableServer.start({
    // Stated here because the point is that nothing but a crash stops a post.
    MESSAGE_RATE_PER_SECOND: '100000',
    MESSAGE_BURST: '100000',
    SSE_POLL_INTERVAL_MS: '100',
  })
  const cast = await createCast(await server.url())
  const members = [cast.alice, cast.bob, cast.carol]
  const names = new Map([[cast.alice.id, 'alice'], [cast.bob.id, 'bob'], [cast.carol.id, 'carol']])
  // Two streams per member, as two tabs.
  for (const member of members) {
    for (const tab of [1, 2]) streams.push(new ResumingStream(`${names.get(member.id)}#${tab}`, member.id, member.token, () => server!.url()))
  }
  await Promise.all(streams.map((s) => s.start()))

  let stopped = false
  const senders = startSenders(members, () => stopped)
  // Besides the crashes, streams drop on their own now and then (a network blip) and resume while
  // posts keep committing: their replay then overlaps with live delivery.
  const blips = (async () => {
    const random = prng(SEED + 1)
    while (!stopped) {
      await sleep(40 + random.int(80))
      random.pick(streams).blip()
    }
  })()
  for (let crash = 1; crash <= CRASHES; crash++) {
    await sleep(RUN_BETWEEN_CRASHES_MS)
    await server.crashAndRestart(() =>
      // While no server runs, a script writes to the file: only the change feed can tell the streams.
      writeFromAnotherProcess({ sender: cast.bob.id, receiver: cast.carol.id, count: OFFLINE_WRITES, prefix: `chaos offline-${crash}` }),
    )
  }
  await sleep(RUN_BETWEEN_CRASHES_MS)
  stopped = true
  await Promise.all([senders.done, blips])

  const { posts } = senders
  const stored = await storedChaosMessages()

  // Every request got an answer that is a 2xx, or no answer at all because the process died.
  expect(posts.filter((p) => p.status !== undefined && (p.status < 200 || p.status >= 300))).toEqual([])
  const acked = posts.filter((p) => p.ackedId !== undefined)
  const failed = posts.filter((p) => p.ackedId === undefined)
  for (let epoch = 1; epoch <= CRASHES + 1; epoch++) expect(acked.some((p) => p.epoch === epoch), `epoch ${epoch}`).toBe(true)

  // The database holds every acknowledged message as acknowledged, the offline writes, and of the
  // failed requests only some (the write committed, the answer was lost with the process).
  const storedByContent = new Map(stored.map((m) => [m.content, m]))
  for (const post of acked) expect(storedByContent.get(post.content)?.id, post.content).toBe(post.ackedId)
  const failedContents = new Set(failed.map((p) => p.content))
  const ackedContents = new Set(acked.map((p) => p.content))
  const unexplained = stored.filter((m) => !ackedContents.has(m.content) && !failedContents.has(m.content) && !m.content.startsWith('chaos offline-'))
  expect(unexplained).toEqual([])
  const committedUnacked = failed.filter((p) => storedByContent.has(p.content))
  expect(stored.filter((m) => m.content.startsWith('chaos offline-'))).toHaveLength(CRASHES * OFFLINE_WRITES)

  // Let every stream catch up with the last change that concerns its user.
  for (const stream of streams) {
    const latest = await latestChangeIdFor(stream.userId)
    await vi.waitFor(() => expect(Number(stream.lastEventId())).toBeGreaterThanOrEqual(latest), { timeout: 15_000, interval: 50 })
  }

  for (const stream of streams) {
    // Each stream was cut by each crash and resumed, and never needed a reset.
    expect(stream.connections.length, stream.label).toBeGreaterThanOrEqual(CRASHES + 1)
    expect(stream.events().filter((e) => e.event === 'reset'), stream.label).toEqual([])
    // Change ids only go forward across all connections of the stream.
    const ids = stream.changes().map((e) => Number(e.id))
    const backwards = ids.flatMap((id, i) => (i > 0 && id <= ids[i - 1] ? [`${ids[i - 1]} then ${id}`] : []))
    expect(backwards, `${stream.label}: change ids going backwards or repeated`).toEqual([])
    // Raw created events per message, each one counted: a duplicate appears twice, a loss not at all.
    const delivered = stream.changes().filter((e) => e.event === 'message.created').map((e) => parseData(e).id as number)
    const expected = stored.filter((m) => m.sender === stream.userId || m.receiver === stream.userId).map((m) => m.id)
    expect(delivered.sort((a, b) => a - b), stream.label).toEqual(expected.sort((a, b) => a - b))
  }

  const reconnects = streams.reduce((sum, s) => sum + s.connections.length - 1, 0)
  console.info(
    `chaos: ${CRASHES} SIGKILLs, ${streams.length} streams (${reconnects} resumes), ${acked.length} acknowledged posts, ` +
      `${failed.length} failed (${committedUnacked.length} committed anyway and delivered, ${failed.length - committedUnacked.length} absent), ` +
      `${CRASHES * OFFLINE_WRITES} offline writes; ${stored.length} messages, 0 lost, 0 duplicated`,
  )
}, 90_000)
