// The handlers server.mjs serves on Node's own request and response in production, skipping
// Next's route layers: the SSE stream and every other /api request. Registered from onInit, so
// they live in the same module graph (and use the same Payload classes) as the app's routes.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Payload } from 'payload'

import { handleApiRequest } from './http/handle-api-request'
import { serveWebHandler } from './http/node-adapter'
import { createNodeStreamHandler } from './realtime/node-handler'

export interface NodeHandlers {
  stream: (req: IncomingMessage, res: ServerResponse) => Promise<void>
  api: (req: IncomingMessage, res: ServerResponse) => Promise<void>
}

const KEY = Symbol.for('payload-chat.node-handlers')

export function registerNodeHandlers(payload: Payload): void {
  const handlers: NodeHandlers = {
    stream: createNodeStreamHandler(payload),
    api: (req, res) => serveWebHandler(req, res, handleApiRequest),
  }
  ;(globalThis as typeof globalThis & { [KEY]?: NodeHandlers })[KEY] = handlers
}
