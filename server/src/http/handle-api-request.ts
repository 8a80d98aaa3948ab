// Every /api request goes through here, from the Next route and from the tests' HTTP server
// alike: the checks that need no user (shutdown, body size, well-formed JSON) run before Payload,
// then Payload's own handler answers. Limits that need the user live in collection hooks.
import { handleEndpoints } from 'payload'

import { env } from '../env'
import { isShuttingDown, trackRequest } from '../lifecycle/shutdown'
import config from '../payload.config'
import { readBoundedBody } from './bounded-body'

const jsonError = (status: number, message: string, headers: Record<string, string> = {}) =>
  Response.json({ errors: [{ message }] }, { status, headers })

const isJson = (request: Request) => /^application\/([\w.+-]+\+)?json\b/i.test(request.headers.get('content-type') ?? '')

export async function handleApiRequest(request: Request): Promise<Response> {
  if (isShuttingDown()) return jsonError(503, 'The server is restarting; retry shortly.', { 'Retry-After': '2' })
  // The stream lives until the client leaves: shutdown ends it itself instead of waiting on it.
  const isStream = request.method === 'GET' && new URL(request.url).pathname.endsWith('/messages/sse')
  return isStream ? forward(request) : trackRequest(() => forward(request))
}

async function forward(request: Request): Promise<Response> {
  const body = await readBoundedBody(request, env.limits.maxBodyBytes)
  if (!body.ok) return jsonError(body.status, body.message)
  // Payload's method-override path parses JSON outside its error handling (a 500): check here.
  if (body.bytes?.byteLength && isJson(request) && !parsesAsJson(body.bytes)) {
    return jsonError(400, 'Invalid JSON: the request body could not be parsed.')
  }
  const headers = new Headers(request.headers)
  headers.delete('transfer-encoding')
  if (body.bytes) headers.set('content-length', String(body.bytes.byteLength))
  const buffered = new Request(request.url, {
    method: request.method,
    headers,
    body: body.bytes?.byteLength ? (body.bytes as BodyInit) : undefined,
    signal: request.signal,
  })
  const response = await handleEndpoints({ config, request: buffered })
  // Every 429 tells the client when to come back, whichever layer produced it.
  if (response.status === 429 && !response.headers.has('retry-after')) response.headers.set('Retry-After', '1')
  return response
}

function parsesAsJson(bytes: Uint8Array): boolean {
  try {
    JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
    return true
  } catch {
    return false
  }
}
