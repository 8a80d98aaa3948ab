// The handler server.mjs serves /api with on Node's own request and response in production,
// skipping Next's route layers: the SSE stream and every other /api request. Registered from
// onInit, so it lives in the same module graph (and uses the same Payload classes) as the
// app's routes.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Payload } from 'payload'

import { handleApiRequest } from './http/handle-api-request'
import { serveWebHandler } from './http/node-adapter'
import { trackRequest } from './lifecycle/shutdown'
import { createNodeStreamHandler, isStreamRequest } from './realtime/node-handler'

export type NodeApiHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>

const KEY = Symbol.for('payload-chat.node-api-handler')

export function createNodeApiHandler(payload: Payload): NodeApiHandler {
  const stream = createNodeStreamHandler(payload)
  // In flight until the answer is written, not only computed: a shutdown that exits in between
  // stores the write and loses its 201 (production has nothing else holding the exit back).
  return (req, res) =>
    isStreamRequest(req.method, req.url) ? stream(req, res) : trackRequest(() => serveWebHandler(req, res, handleApiRequest))
}

export function registerNodeHandlers(payload: Payload): void {
  ;(globalThis as typeof globalThis & { [KEY]?: NodeApiHandler })[KEY] = createNodeApiHandler(payload)
}
