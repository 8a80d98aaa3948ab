// The cluster primary (WEB_CONCURRENCY > 1): it starts and supervises the workers and nothing
// else. It loads neither Next nor Payload: it never touches the database, so nothing that must be
// correct across processes passes through it (that goes through the database, docs/scaling.md),
// and the same workers can later run as separate instances on one PostgreSQL.
//
// Start-up: worker 1 starts alone. It runs the migrations while booting and only then listens
// (server.mjs boots Payload on a private loopback port first), so the schema is complete before
// any worker accepts a connection and no two processes ever migrate one database at once (two
// did: the second crashed on tables the first had just created). The other workers start once it
// is ready; they find nothing left to migrate.
// Running: a worker that dies is replaced (logged). SIGTERM/SIGINT: every worker drains (its own
// graceful shutdown: streams end with a retry hint, in-flight writes finish), then the primary
// exits 0, or 1 if a worker did not stop cleanly.
import cluster from 'node:cluster'

export const WORKER_READY = 'payload-chat:worker-ready'

// A worker that dies this soon after it was ready is replaced after a delay, and a replacement
// that fails to start is tried again after a delay that doubles up to the maximum: a worker that
// cannot start does not spin the CPU, and the pool comes back once it can.
const QUICK_DEATH_MS = 5000
const RESTART_DELAY_MS = 1000
const MAX_RESTART_DELAY_MS = 30_000

const log = (message) => console.log(`[primary ${process.pid}] ${message}`)

// Forks a worker; resolves once it has booted and listens, rejects if it exits before that.
function fork() {
  return new Promise((resolve, reject) => {
    const worker = cluster.fork()
    const onExit = (code, signal) => reject(new Error(`worker ${worker.process.pid} exited (${signal ?? `exit code ${code}`}) before it was ready`))
    worker.once('exit', onExit)
    worker.on('message', (message) => {
      if (message !== WORKER_READY) return
      worker.off('exit', onExit)
      resolve(worker)
    })
  })
}

// Resolves once no worker is left.
function allExited() {
  return new Promise((resolve) => {
    const check = () => Object.keys(cluster.workers ?? {}).length === 0 && resolve()
    cluster.on('exit', () => setImmediate(check))
    check()
  })
}

export async function superviseWorkers({ count, readyLine }) {
  let stopping = false
  let failedStop = false
  // Workers that reached ready, with when: only those are replaced when they die.
  const readySince = new Map()
  const ready = (worker) => readySince.set(worker.id, Date.now())

  cluster.on('exit', (worker, code, signal) => {
    const since = readySince.get(worker.id)
    readySince.delete(worker.id)
    if (stopping) {
      if (code !== 0) failedStop = true
      return
    }
    if (since === undefined) return
    log(`worker ${worker.process.pid} died (${signal ?? `exit code ${code}`}); starting a replacement`)
    replace(Date.now() - since < QUICK_DEATH_MS ? RESTART_DELAY_MS : 0)
  })

  function replace(delayMs) {
    setTimeout(() => {
      if (stopping) return
      fork().then(
        (replacement) => {
          ready(replacement)
          log(`replacement worker ${replacement.process.pid} ready`)
        },
        (error) => {
          const next = Math.min(MAX_RESTART_DELAY_MS, Math.max(RESTART_DELAY_MS, delayMs * 2))
          log(`${error.message}; trying again in ${next} ms`)
          replace(next)
        },
      )
    }, delayMs)
  }

  let stopped
  const stopping$ = new Promise((resolve) => (stopped = resolve))
  const stop = (reason) => {
    if (stopping) return
    stopping = true
    const workers = Object.values(cluster.workers ?? {})
    log(`${reason}: draining ${workers.length} worker(s)`)
    for (const worker of workers) worker.process.kill('SIGTERM')
    stopped()
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))

  try {
    ready(await fork())
    for (const worker of await Promise.all(Array.from({ length: count - 1 }, fork))) ready(worker)
    if (!stopping) console.log(`${readyLine} (${count} workers)`)
  } catch (error) {
    console.error(`${error.message}: see its log above. Stopping.`)
    failedStop = true
    stop('start-up failed')
  }
  await stopping$
  await allExited()
  log(failedStop ? 'stopped, not cleanly' : 'stopped')
  process.exit(failedStop ? 1 : 0)
}
