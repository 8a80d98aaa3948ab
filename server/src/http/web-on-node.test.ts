import { createServer, type ServerResponse } from 'node:http'
import { connect, type AddressInfo } from 'node:net'
import { afterEach, expect, it } from 'vitest'

import { serveWebHandler } from './web-on-node'

const servers: Array<ReturnType<typeof createServer>> = []
afterEach(() => servers.splice(0).forEach((server) => server.close()))

// An answer that never ends: the socket fills up and the adapter waits for 'drain'.
const endless = () => new ReadableStream<Uint8Array>({ pull: (controller) => controller.enqueue(new Uint8Array(64 * 1024)) })

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10))
}

it('ends the handler when the client leaves while its answer waits for the socket to drain', async () => {
  let response: ServerResponse | undefined
  let served: Promise<void> | undefined
  const server = createServer((req, res) => {
    response = res
    served = serveWebHandler(req, res, async () => new Response(endless()))
  })
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const socket = connect((server.address() as AddressInfo).port, '127.0.0.1')
  socket.pause() // a client that reads nothing
  socket.write('GET / HTTP/1.1\r\nHost: localhost\r\n\r\n')
  // The server's own state, not a clock: the adapter is waiting for 'drain'.
  await until(() => (response?.listenerCount('drain') ?? 0) > 0)
  socket.destroy()
  await expect(served).resolves.toBeUndefined()
}, 10_000)
