// Preloaded into the server by the bench (`BENCH_LOOP_DELAY=1 node --import <this> server.mjs`;
// cluster workers inherit both): the event loop's delay, from perf_hooks.monitorEventLoopDelay, in
// windows the bench chooses. SIGUSR2 prints the window that just ended as one line and starts the
// next, so the bench measures its phases, not Next's boot. Nothing in the server changes; the bench
// signals only the processes that announced themselves (a process without this handler would die
// of SIGUSR2).
import { monitorEventLoopDelay } from 'node:perf_hooks'

export const LOOP_DELAY_LINE = 'bench-loop-delay '

// The histogram records the time between the sampling timer's ticks, the resolution included:
// what is reported is the delay past it (0 = the loop was free).
const RESOLUTION_MS = 10
const ms = (ns) => Math.max(0, Math.round((ns / 1e6 - RESOLUTION_MS) * 100) / 100)

function measure() {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS })
  histogram.enable()
  process.on('SIGUSR2', () => {
    const window = { pid: process.pid, samples: histogram.count, p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max) }
    histogram.reset()
    process.stdout.write(`${LOOP_DELAY_LINE}${JSON.stringify(window)}\n`)
  })
  process.stdout.write(`${LOOP_DELAY_LINE}${JSON.stringify({ pid: process.pid, ready: true })}\n`)
}

// Only in the server the bench starts: the bench itself imports the line's prefix from here.
if (process.env.BENCH_LOOP_DELAY === '1') measure()
