// @vitest-environment node
// The Vite dev server's proxy must pass the stream through as it is written. The upstream here
// writes its second frame only once the client has received the first, so any buffering in the
// proxy deadlocks and the test times out.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { createServer, type ViteDevServer } from 'vite'
import { afterAll, beforeAll, expect, it } from 'vitest'

let upstream: http.Server
let vite: ViteDevServer
let sendSecondFrame: () => void = () => {}

beforeAll(async () => {
  upstream = http.createServer((req, res) => {
    if (req.url !== '/api/messages/sse') return void res.writeHead(404).end()
    // The same headers as the Payload server's stream.
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      'X-Accel-Buffering': 'no',
    })
    res.write('retry: 2000\nevent: ready\nid: 0\ndata: {"cursor":"0"}\n\n')
    sendSecondFrame = () => res.write('event: message.created\nid: 1\ndata: {"id":1}\n\n')
  })
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve))
  process.env.SERVER_PORT = String((upstream.address() as AddressInfo).port)
  vite = await createServer({
    configFile: path.resolve(import.meta.dirname, '..', 'vite.config.ts'),
    server: { port: 0, strictPort: false, host: '127.0.0.1' },
    logLevel: 'silent',
  })
  await vite.listen()
})

afterAll(async () => {
  await vite?.close()
  upstream?.closeAllConnections()
  await new Promise((resolve) => upstream?.close(resolve))
})

it('streams events through the /api proxy as they are written', async () => {
  const { port } = vite.httpServer!.address() as AddressInfo
  const received = await new Promise<{ body: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the proxy held the stream back')), 5000)
    const req = http.get(`http://127.0.0.1:${port}/api/messages/sse`, { headers: { accept: 'text/event-stream' } }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        body += chunk
        if (body.includes('event: ready') && !body.includes('event: message.created')) sendSecondFrame()
        if (body.includes('event: message.created')) {
          clearTimeout(timer)
          req.destroy()
          resolve({ body, headers: res.headers })
        }
      })
    })
    req.on('error', (error) => (error.message.includes('socket hang up') ? undefined : reject(error)))
  })
  expect(received.headers['content-type']).toMatch(/^text\/event-stream/)
  expect(received.headers['content-encoding']).toBeUndefined()
  expect(received.body).toContain('event: ready\nid: 0\ndata: {"cursor":"0"}\n\n')
  expect(received.body).toContain('event: message.created\nid: 1\ndata: {"id":1}\n\n')
})
