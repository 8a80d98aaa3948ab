// The poller's scheduling under a stop/start while a read is in flight: the reads are gated by
// hand (a stand-in for the change feed) so the interleaving is exact.
import { expect, it } from 'vitest'

import type { ChangeFeed } from '../db/change-feed'
import { ChangePoller } from './poller'

it('never runs two drains of one generation at once after a stop/start', async () => {
  let inFlight = 0
  let maxInFlight = 0
  const gates: Array<() => void> = []
  const feed = {
    latest: async () => 0,
    prune: async () => 0,
    read: async () => {
      inFlight += 1
      maxInFlight = Math.max(maxInFlight, inFlight)
      await new Promise<void>((resolve) => gates.push(resolve))
      inFlight -= 1
      return { events: [], through: null, full: false }
    },
  } as Partial<ChangeFeed> as ChangeFeed
  const poller = new ChangePoller({
    intervalMs: 60_000,
    batchSize: 200,
    retentionDays: 1,
    feed: () => feed,
    logError: (error) => console.error(error),
    publish: () => {},
  })
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
