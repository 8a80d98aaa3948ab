// Three server instances on one PostgreSQL behind a round-robin balancer (a small HTTP proxy written
// here: every request, streams included, goes to the next live instance). Streams on every instance,
// concurrent writers through all of them: every acknowledged DM reaches both its sides' streams,
// once, in feed order. Then one instance is SIGKILLed mid-stream: its clients reconnect through the
// balancer to another instance and resume with Last-Event-ID, with nothing lost or duplicated.
// The cross-instance delivery latency is printed (a figure, not an assertion: timings are noisy).
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { api } from '../helpers/api'
import type { Actor } from '../helpers/fixtures'
import { createTestDatabase } from '../helpers/postgres'
import { insertActor } from '../helpers/postgres-users'
import { spawnServer, type ServerProcess } from '../helpers/server-process'
import { openStream, parseData, type SseConnection } from '../helpers/sse-client'

const server = inject('postgresUrl')
if (server) process.env.DATABASE_URI = await createTestDatabase(server)

const USERS = 6
const BEFORE_KILL = 6
const AFTER_KILL = 4

interface Balancer {
  url: string
  live: Set<string>
  close(): Promise<void>
}

// Round robin over the live instances; a request whose instance refuses the connection goes to
// the next one (as a balancer's health check would). The answer names the instance (x-instance).
async function startBalancer(instances: string[]): Promise<Balancer> {
  const live = new Set(instances)
  let next = 0
  const proxy = http.createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const forward = (attempt: number) => {
      const pool = [...live]
      const target = new URL(pool[next++ % pool.length]!)
      const upstream = http.request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, { ...answer.headers, 'x-instance': target.origin })
          answer.pipe(res)
          // An instance that dies mid-stream: its client's stream ends too, and it reconnects.
          answer.on('close', () => {
            if (!answer.complete) res.destroy()
          })
          answer.on('error', () => res.destroy())
        },
      )
      upstream.on('error', () => {
        if (!res.headersSent && attempt < pool.length) forward(attempt + 1)
        else res.destroy()
      })
      upstream.end(Buffer.concat(chunks))
    }
    forward(0)
  })
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    live,
    close: () => new Promise<void>((resolve) => proxy.close(() => resolve())).then(() => proxy.closeAllConnections()),
  }
}

interface Sent {
  id: number
  from: number
  to: number
  at: number
  acked: number
  instance: string
}

// One user's stream through the balancer, every event stamped when it arrived.
interface Follower {
  actor: Actor
  stream: SseConnection
  instance: string
  arrivals: Map<number, number>
  // Message ids of every message.created received, over every connection, in arrival order.
  received: number[]
  // Event ids (feed positions) of those, in arrival order.
  positions: number[]
}

async function follow(url: string, follower: Omit<Follower, 'stream' | 'instance'>, lastEventId?: string): Promise<Follower> {
  const stream = await openStream(url, { token: follower.actor.token, lastEventId })
  let seen = 0
  const stamp = (events: typeof stream.events) => {
    for (; seen < events.length; seen++) {
      const event = events[seen]!
      if (event.event !== 'message.created') continue
      const id = parseData<{ id: number }>(event).id
      follower.arrivals.set(id, performance.now())
      follower.received.push(id)
      follower.positions.push(Number(event.id))
    }
    return false
  }
  // Never resolves: a predicate run on every chunk that arrives, to stamp it.
  stream.waitFor(stamp, 600_000).catch(() => {})
  await stream.ready()
  return { ...follower, stream, instance: String(stream.headers['x-instance']) }
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN
}

describe.skipIf(!server)('three instances on one PostgreSQL behind a balancer', () => {
  const instances: ServerProcess[] = []
  let balancer: Balancer
  let followers: Follower[] = []
  const sent: Sent[] = []

  beforeAll(async () => {
    // One after the other: the first migrates the fresh database.
    for (let i = 0; i < 3; i++) instances.push(await spawnServer({ DATABASE_URI: process.env.DATABASE_URI! }, { startTimeoutMs: 180_000 }))
    balancer = await startBalancer(instances.map((instance) => instance.url))
    for (let i = 0; i < USERS; i++) {
      const actor = await insertActor(process.env.DATABASE_URI!, balancer.url, `User${i}`)
      followers.push(await follow(balancer.url, { actor, arrivals: new Map(), received: [], positions: [] }))
    }
  }, 600_000)

  afterAll(async () => {
    for (const follower of followers) follower.stream.close()
    await balancer?.close()
    await Promise.all(instances.map((instance) => instance.stop()))
  })

  // Every user sends `count` DMs to the next user, all users at once, through the balancer.
  async function writeRing(count: number): Promise<void> {
    await Promise.all(
      followers.map(async (from, i) => {
        const to = followers[(i + 1) % followers.length]!
        for (let n = 0; n < count; n++) {
          const at = performance.now()
          const res = await api(balancer.url).post('/api/messages', { receiver: to.actor.id, content: `${from.actor.id}→${to.actor.id} #${n}` }, from.actor.token)
          expect(res.status).toBe(201)
          const acked = performance.now()
          sent.push({ id: res.body.doc.id, from: from.actor.id, to: to.actor.id, at, acked, instance: String(res.headers.get('x-instance')) })
        }
      }),
    )
  }

  const expectedFor = (follower: Follower) => sent.filter((m) => m.from === follower.actor.id || m.to === follower.actor.id).map((m) => m.id)

  async function everyoneHasAll(): Promise<void> {
    for (const follower of followers) {
      const expected = new Set(expectedFor(follower))
      const has = () => [...expected].every((id) => follower.arrivals.has(id))
      const deadline = Date.now() + 30_000
      while (!has() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20))
      expect([...expected].filter((id) => !follower.arrivals.has(id)), `missing on ${follower.actor.id}`).toEqual([])
    }
  }

  function expectOnceInOrder(): void {
    for (const follower of followers) {
      // Once each, and nothing that is not theirs.
      expect([...follower.received].sort((a, b) => a - b)).toEqual(expectedFor(follower).sort((a, b) => a - b))
      // In feed order across every connection the user had: positions only grow.
      expect(follower.positions).toEqual([...follower.positions].sort((a, b) => a - b))
    }
  }

  it('spreads streams over the instances; every acknowledged DM reaches both sides once, in order', async () => {
    expect(new Set(followers.map((f) => f.instance)).size).toBe(3)
    await writeRing(BEFORE_KILL)
    await everyoneHasAll()
    expectOnceInOrder()
    // Cross-instance delivery: to the arrival on a stream of another instance, from the send and
    // from the acknowledgement (negative: the stream had it before the sender had its answer).
    const crossInstance = sent.flatMap((m) =>
      followers
        .filter((f) => (f.actor.id === m.to || f.actor.id === m.from) && f.instance !== m.instance && f.arrivals.has(m.id))
        .map((f) => ({ fromSend: f.arrivals.get(m.id)! - m.at, fromAck: f.arrivals.get(m.id)! - m.acked })),
    )
    expect(crossInstance.length).toBeGreaterThan(0)
    const figures = (values: number[]) => `p50 ${percentile(values, 50).toFixed(1)} ms, p99 ${percentile(values, 99).toFixed(1)} ms`
    console.log(
      `cross-instance delivery, ${crossInstance.length} deliveries: from send ${figures(crossInstance.map((l) => l.fromSend))}; from ack ${figures(crossInstance.map((l) => l.fromAck))}`,
    )
  }, 120_000)

  it('survives a SIGKILLed instance: its clients resume through the balancer, nothing lost or duplicated', async () => {
    const victim = instances[1]!
    const orphans = followers.filter((f) => f.instance === new URL(victim.url).origin)
    expect(orphans.length).toBeGreaterThan(0)
    await victim.kill('SIGKILL')
    balancer.live.delete(victim.url)
    await Promise.all(orphans.map((f) => f.stream.closed))
    // Writes go on while the orphans are away.
    const writing = writeRing(AFTER_KILL)
    followers = await Promise.all(
      followers.map(async (f) => {
        if (!orphans.includes(f)) return f
        const lastEventId = f.positions.length ? String(f.positions.at(-1)) : undefined
        const resumed = await follow(balancer.url, f, lastEventId)
        expect(resumed.instance).not.toBe(new URL(victim.url).origin)
        return resumed
      }),
    )
    await writing
    await everyoneHasAll()
    expectOnceInOrder()
  }, 120_000)
})
