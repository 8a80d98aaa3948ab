// The test HTTP server as a process of its own, so tests can SIGTERM or SIGKILL it:
// `node --import tsx test/helpers/serve.ts`. Prints {"url": …} once it listens.
import { onBeforeExit } from '../../src/lifecycle/shutdown'
import { startTestServer } from './http-server'

const server = await startTestServer({ port: Number(process.env.SERVE_PORT ?? 0) })
// On SIGTERM the shutdown handler (installed by onInit) drains, then this closes the listener.
onBeforeExit(() => new Promise<void>((resolve) => server.server.close(() => resolve())))
process.stdout.write(`${JSON.stringify({ url: server.url, pid: process.pid })}\n`)
