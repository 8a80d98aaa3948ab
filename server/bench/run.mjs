// pnpm bench [--subscribers N] [--rate R] [--senders K] [--users U] [--seconds S] [--idle S]
//            [--concurrency C] [--sweep [--counts 100,1000,5000,10000]] [--smoke] [--out NAME]
//            [--cpu-prof DIR]  (the server writes a V8 CPU profile there when it stops)
//            BENCH_PRELOAD=file.cjs in the environment: the server starts with `--require file.cjs`
//                       (a hook counting statements per SQL text, say; docs/performance.md)
//            [--room]  (every user is a member of one room and every message goes to it: each
//                       message is delivered to all N streams)
//            [--presence [--users N]]  (N users come online, one stream each: presence deliveries
//                       against the N² a broadcast would cost; see lib/presence.mjs)
//            [--workers 1,2]  (one run per WEB_CONCURRENCY value, side by side; docs/scaling.md)
//            [--database sqlite,postgres [--database-url postgres://…]]  (one run per database, side
//                       by side; PostgreSQL on a throwaway cluster the bench starts, or on the server
//                       at --database-url; a fresh database per run: lib/databases.mjs)
//            [--search [--messages 100000] [--queries 50]]  (search over N messages: each kind of
//                       search --queries times through GET /api/messages/search and as its SQL
//                       alone; see lib/search.mjs)
//            [--wake-cost [--workers 2] [--checks 0,5,1]]  (idle CPU of N workers, no streams, per
//                       FEED_WAKE_CHECK_MS value: what the cross-process commit check costs)
// Needs the production build (`pnpm build`). Starts the production server (server.mjs) on a free port with a fresh
// SQLite file (or PostgreSQL database), opens N streams over raw HTTP, posts R messages/s through REST, and measures
// every delivery from send to receipt, and the server's event-loop delay (lib/loop-delay.mjs).
// See docs/performance.md.
import { randomBytes } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'

import { freshDatabaseUri, parseDatabases } from './lib/databases.mjs'
import { createRoomOf, createUsers, openSubscribers, sendMessages } from './lib/clients.mjs'
import { bringOnline, createPopulation } from './lib/presence.mjs'
import { createSearchPopulation, directSearch, searchCases } from './lib/search.mjs'
import { machine, percentiles, printTable, resultsDir, saveJson, sweepChart } from './lib/report.mjs'
import { cpuPercent, sample, startServer } from './lib/server-process.mjs'

const { values: flags } = parseArgs({
  options: {
    subscribers: { type: 'string', default: '1000' },
    rate: { type: 'string', default: '50' },
    senders: { type: 'string', default: '10' },
    users: { type: 'string' },
    seconds: { type: 'string', default: '10' },
    idle: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '32' },
    sweep: { type: 'boolean', default: false },
    counts: { type: 'string', default: '100,1000,5000,10000' },
    smoke: { type: 'boolean', default: false },
    out: { type: 'string' },
    'cpu-prof': { type: 'string' },
    room: { type: 'boolean', default: false },
    presence: { type: 'boolean', default: false },
    workers: { type: 'string' },
    'wake-cost': { type: 'boolean', default: false },
    search: { type: 'boolean', default: false },
    messages: { type: 'string', default: '100000' },
    queries: { type: 'string', default: '50' },
    checks: { type: 'string', default: '0,5,1' },
    database: { type: 'string', default: 'sqlite' },
    'database-url': { type: 'string' },
  },
})

const fail = (message) => {
  console.error(message)
  process.exit(2)
}
let databases
try {
  databases = parseDatabases(flags.database)
} catch (error) {
  fail(error.message)
}
if (flags['database-url'] && !databases.includes('postgres')) fail('--database-url is a PostgreSQL server: add --database postgres')
// These modes read or write the SQLite file directly (search's SQL alone, presence's population)
// or measure SQLite's own commit check (wake-cost): not ported to PostgreSQL.
const sqliteOnly = ['search', 'presence', 'wake-cost'].find((mode) => flags[mode])
if (sqliteOnly && databases.includes('postgres')) fail(`--${sqliteOnly} runs on SQLite only (it works on the SQLite file directly); drop --database postgres`)

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
const MB = 1024 * 1024

async function runOnce(params) {
  const { subscribers, rate, senders: senderCount, seconds, idle, concurrency } = params
  const userCount = params.users ?? Math.max(senderCount + 2, Math.min(200, subscribers))
  const profileDir = flags['cpu-prof'] && path.resolve(flags['cpu-prof'])
  const server = await startServer({
    nodeArgs: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
    env: { WEB_CONCURRENCY: String(params.workers ?? 1) },
    databaseUri: await freshDatabaseUri(params.database, { url: flags['database-url'] }),
  })
  try {
    const users = await createUsers(server.url, userCount)
    const senders = users.slice(0, senderCount)
    const room = params.room ? await createRoomOf(server.databaseUri, users) : undefined
    await sleep(1000)
    const baseline = sample(server.pid)

    const latencies = []
    const streams = await openSubscribers(server.url, users, subscribers, (ms) => latencies.push(ms))
    const streamsPerUser = new Map()
    for (const s of streams) streamsPerUser.set(s.userId, (streamsPerUser.get(s.userId) ?? 0) + 1)
    await sleep(2000)

    await server.loopDelayWindow() // ends the window of the boot and the streams' opening
    const idleFrom = sample(server.pid)
    await sleep(idle * 1000)
    const idleTo = sample(server.pid)
    const idleLoopDelay = await server.loopDelayWindow()

    const benchCpuFrom = process.cpuUsage()
    const loadFrom = sample(server.pid)
    const sent = await sendMessages(server.url, { senders, users, rate, concurrency, seconds, room })
    const loadTo = sample(server.pid)
    const benchCpu = process.cpuUsage(benchCpuFrom)

    // A DM reaches its sender's and receiver's streams; a room message every stream (all members).
    const expected = sent.sent.reduce(
      (sum, m) =>
        sum +
        (room !== undefined
          ? streams.length
          : (streamsPerUser.get(m.sender) ?? 0) + (m.sender === m.receiver ? 0 : (streamsPerUser.get(m.receiver) ?? 0))),
      0,
    )
    // Wait for the tail: until everything arrived, or nothing new for 3 s.
    let last = -1
    for (let quiet = 0; latencies.length < expected && quiet < 30; quiet = latencies.length === last ? quiet + 1 : 0) {
      last = latencies.length
      await sleep(100)
    }
    const after = sample(server.pid)
    const loadLoopDelay = await server.loopDelayWindow()
    for (const s of streams) s.request.destroy()

    const duplicated = streams.reduce((sum, s) => sum + s.duplicates, 0)
    return {
      mode: room === undefined ? 'dm' : 'room',
      database: params.database,
      workers: params.workers ?? 1,
      subscribers,
      users: userCount,
      senders: senderCount,
      rate,
      seconds,
      sent: sent.sent.length,
      failedSends: sent.failed,
      statuses: sent.statuses,
      expected,
      delivered: latencies.length,
      lost: expected - latencies.length,
      duplicated,
      latencyMs: percentiles(latencies),
      acceptedPerSecond: sent.sent.length / sent.elapsedSeconds,
      serverCpuPercent: { idle: cpuPercent(idleFrom, idleTo), load: cpuPercent(loadFrom, loadTo) },
      benchCpuPercent: (100 * (benchCpu.user + benchCpu.system)) / 1e6 / sent.elapsedSeconds,
      serverRssMB: { baseline: baseline.rssBytes / MB, withStreams: idleFrom.rssBytes / MB, afterLoad: after.rssBytes / MB },
      rssPerSubscriberKB: (idleFrom.rssBytes - baseline.rssBytes) / subscribers / 1024,
      // The server's event-loop delay (the worst process): streams open and idle, then the load
      // phase from the first send to the end of the tail.
      loopDelayMs: { idle: idleLoopDelay, load: loadLoopDelay },
    }
  } finally {
    await server.stop()
  }
}

// N users come online (all in general, 500 in small rooms of 5, 100 DM pairs): how many presence
// events reach streams, against the pairs who may see each other and against N².
async function runPresence(users) {
  const secret = randomBytes(24).toString('hex')
  const server = await startServer({ env: { PAYLOAD_SECRET: secret } })
  try {
    const population = await createPopulation(server.databaseFile, secret, { users, smallRoomUsers: 500, dmPairs: 100 })
    const cpuFrom = sample(server.pid)
    const started = performance.now()
    const streams = await bringOnline(server.url, population.users)
    // The last fan-outs are asynchronous (a DM-peer query each): until the count is still for 2 s.
    let last = -1
    let delivered = 0
    for (let quiet = 0; quiet < 20; quiet = delivered === last ? quiet + 1 : 0) {
      last = delivered
      await sleep(100)
      delivered = streams.reduce((sum, s) => sum + s.presence, 0)
    }
    const cpuTo = sample(server.pid)
    const seconds = (performance.now() - started) / 1000
    for (const s of streams) s.request.destroy()
    return {
      mode: 'presence',
      users,
      changes: users,
      sharedPairs: population.sharedPairs,
      delivered,
      repeated: streams.reduce((sum, s) => sum + s.repeated, 0),
      perChange: delivered / users,
      broadcastWouldBe: users * (users - 1),
      seconds,
      serverCpuSeconds: cpuTo.cpuSeconds - cpuFrom.cpuSeconds,
      serverRssMB: cpuTo.rssBytes / MB,
    }
  } finally {
    await server.stop()
  }
}

// Idle CPU of the whole server (primary and workers) with no stream open, per commit-check period.
async function runWakeCost(workers, checks, seconds) {
  const rows = []
  for (const wakeCheckMs of checks) {
    const server = await startServer({ env: { WEB_CONCURRENCY: String(workers), FEED_WAKE_CHECK_MS: String(wakeCheckMs) } })
    try {
      await sleep(3000)
      const from = sample(server.pid)
      await sleep(seconds * 1000)
      rows.push({ mode: 'wake-cost', workers, wakeCheckMs, seconds, idleCpuPercent: cpuPercent(from, sample(server.pid)) })
    } finally {
      await server.stop()
    }
  }
  return rows
}

// Search over `messages` messages: per kind of search, latency through the endpoint (HTTP, one
// request at a time, as the searching user) and of its SQL alone on the same database file.
async function runSearch(messages, perKind) {
  const server = await startServer()
  try {
    const population = await createSearchPopulation(server.url, server.databaseFile, messages)
    const direct = await directSearch(server.databaseFile)
    const { searcher } = population
    const rows = []
    try {
      for (const { kind, params } of searchCases(population, perKind)) {
        const httpMs = []
        const sqlMs = []
        let hits = 0
        for (const query of params) {
          let from = performance.now()
          const res = await fetch(`${server.url}/api/messages/search?${new URLSearchParams(query)}`, { headers: { authorization: `JWT ${searcher.token}` } })
          const body = await res.json()
          httpMs.push(performance.now() - from)
          if (res.status !== 200) throw new Error(`search ${JSON.stringify(query)}: ${res.status} ${JSON.stringify(body)}`)
          hits += body.docs.length
          from = performance.now()
          await direct.run(searcher.id, query)
          sqlMs.push(performance.now() - from)
        }
        rows.push({ kind, queries: params.length, hitsPerPage: hits / params.length, httpMs: percentiles(httpMs), sqlMs: percentiles(sqlMs) })
      }
    } finally {
      direct.close()
    }
    return { messages, seedSeconds: population.seedSeconds, messagesWithTopWord: population.indexedWithTopWord, rows }
  } finally {
    await server.stop()
  }
}

if (flags.search) {
  const messages = Number(flags.messages)
  const result = await runSearch(messages, Number(flags.queries))
  const ms = (n) => n.toFixed(1)
  console.log(`${messages} messages written in ${result.seedSeconds.toFixed(1)} s; the most common word is in ${result.messagesWithTopWord}`)
  console.table(
    result.rows.map((row) => ({
      kind: row.kind,
      queries: row.queries,
      'hits/page': row.hitsPerPage.toFixed(1),
      'HTTP p50': ms(row.httpMs.p50),
      'HTTP p95': ms(row.httpMs.p95),
      'HTTP p99': ms(row.httpMs.p99),
      'SQL p50': ms(row.sqlMs.p50),
      'SQL p95': ms(row.sqlMs.p95),
      'SQL p99': ms(row.sqlMs.p99),
    })),
  )
  console.log(`wrote ${saveJson(flags.out ?? `search-${messages}.json`, { at: new Date().toISOString(), machine: machine(), ...result })}`)
  process.exit(0)
}

if (flags['wake-cost']) {
  const workers = flags.workers ? Number(flags.workers) : 2
  const rows = await runWakeCost(workers, flags.checks.split(',').map(Number), Number(flags.idle) * 3)
  console.table(rows)
  console.log(`wrote ${saveJson(flags.out ?? `wake-cost-${workers}.json`, { at: new Date().toISOString(), machine: machine(), results: rows })}`)
  process.exit(0)
}

if (flags.presence) {
  const users = flags.users ? Number(flags.users) : 10_000
  const result = await runPresence(users)
  console.table([result])
  // Each pair is told once (the later of the two to connect sees the earlier come online), or
  // twice when both connect within a fan-out's delay (each sees the other come online: presence
  // is shared through the database since #16, a flush and a read later); never the same change
  // twice on one stream.
  const ok = result.repeated === 0 && result.delivered >= result.sharedPairs && result.delivered <= 2 * result.sharedPairs
  console.log(
    ok
      ? `presence: ${result.delivered} deliveries for ${result.sharedPairs} pairs who share a DM or a small room (once or both ways), none repeated`
      : `presence: ${result.delivered} deliveries (${result.repeated} repeated), expected ${result.sharedPairs} to ${2 * result.sharedPairs}, none repeated`,
  )
  console.log(`wrote ${saveJson(flags.out ?? `presence-${users}.json`, { at: new Date().toISOString(), machine: machine(), results: [result] })}`)
  process.exit(ok ? 0 : 1)
}

const number = (name) => Number(flags[name])
const base = {
  subscribers: number('subscribers'),
  rate: number('rate'),
  senders: number('senders'),
  users: flags.users ? number('users') : undefined,
  seconds: number('seconds'),
  idle: number('idle'),
  concurrency: number('concurrency'),
  room: flags.room,
}

if (flags.smoke) {
  // CI: a few seconds, small N, asserting only that nothing was lost or duplicated (per database).
  const results = []
  for (const database of databases) results.push(await runOnce({ ...base, database, subscribers: 20, users: 10, senders: 4, rate: 20, seconds: 3, idle: 1 }))
  printTable(results)
  const failed = results.filter((r) => !(r.sent > 0 && r.lost === 0 && r.duplicated === 0 && r.failedSends === 0))
  console.log(`bench smoke: ${results.length - failed.length} passed, ${failed.length} failed`)
  for (const result of failed) console.log(JSON.stringify(result, null, 2))
  process.exit(failed.length ? 1 : 0)
}

const counts = flags.sweep ? flags.counts.split(',').map(Number) : [base.subscribers]
const workerCounts = flags.workers ? flags.workers.split(',').map(Number) : [1]
const rows = []
for (const subscribers of counts) {
  for (const database of databases) {
    for (const workers of workerCounts) {
      const row = await runOnce({ ...base, subscribers, workers, database })
      rows.push(row)
      printTable([row])
    }
  }
}
console.log('')
printTable(rows)
const record = { at: new Date().toISOString(), machine: machine(), parameters: { ...base, databases, workers: workerCounts }, results: rows }
const name =
  flags.out ??
  (flags.sweep ? 'sweep' : `run-${flags.room ? 'room-' : ''}${flags.database === 'sqlite' ? '' : `${databases.join('-')}-`}${flags.workers ? `workers-${workerCounts.join('-')}-` : ''}${base.subscribers}x${base.rate || 'max'}`)
console.log(`\nwrote ${saveJson(`${name}.json`, record)}`)
if (flags.sweep) {
  const chart = path.join(resultsDir, `${name}.svg`)
  writeFileSync(chart, sweepChart(rows))
  console.log(`wrote ${chart}`)
}
