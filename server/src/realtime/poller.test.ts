// The poller's scheduling under a stop/start while a read is in flight: the reads are gated by
// hand (a stand-in for the database client) so the interleaving is exact.
import { expect, it } from 'vitest'

import { ChangePoller } from './poller'

it('never runs two drains of one generation at once after a stop/start', async () => {
  let inFlight = 0
  let maxInFlight = 0
  const gates: Array<() => void> = []
  const payload: any = {
    logger: { error: (e: unknown) => console.error(e) },
    db: {
      client: {
        execute: async ({ sql }: { sql: string }) => {
          if (sql.includes('sqlite_sequence')) return { rows: [{ latest: 0 }] }
          if (sql.startsWith('DELETE')) return { rowsAffected: 0 }
          inFlight += 1
          maxInFlight = Math.max(maxInFlight, inFlight)
          await new Promise<void>((resolve) => gates.push(resolve))
          inFlight -= 1
          return { rows: [] }
        },
      },
    },
  }
  const poller = new ChangePoller({ intervalMs: 60_000, batchSize: 200, retentionDays: 1, getPayload: () => payload, publish: () => {} })
  const tick = () => new Promise((r) => setTimeout(r, 5))
  poller.start()
  await tick() // gen 1 run is waiting in readEvents
  poller.stop() // last subscriber left
  poller.start() // a new one arrived
  await tick() // gen 3 run is waiting in readEvents
  gates.shift()!() // the gen 1 read returns: its finally clears `polling`
  await tick()
  expect(inFlight).toBe(1) // only the gen 3 read is open now
  maxInFlight = inFlight
  poller.wake() // a write in this process
  await tick()
  poller.stop()
  for (const open of gates.splice(0)) open()
  expect(maxInFlight).toBe(1)
})
