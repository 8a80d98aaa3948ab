// Every /api request goes through here, from the Next route and from the tests' HTTP server
// alike: the checks that need no user (shutdown, body size, malformed shapes) run before Payload,
// then Payload's own handler answers. Limits that need the user live in collection hooks.
import { getPayload, handleEndpoints } from 'payload'

import { env } from '../env'
import { isShuttingDown, trackRequest } from '../lifecycle/shutdown'
import { logClientResponse } from '../logging/client-errors'
import config from '../payload.config'
import { isStreamRequest } from '../realtime/node-handler'
import { readBoundedBody } from './bounded-body'
import { withOwnOriginAsSameOrigin } from './own-origin'
import { malformedRequestProblem } from './request-checks'
import { withApiSecurityHeaders } from './security-headers'

const jsonError = (status: number, message: string, headers: Record<string, string> = {}) =>
  Response.json({ errors: [{ message }] }, { status, headers })

export async function handleApiRequest(request: Request): Promise<Response> {
  const response = withApiSecurityHeaders(await answer(request))
  // Only a client's mistake is logged: a success or a server error never looks Payload up here.
  if (response.status >= 400 && response.status < 500) await logClientResponse((await getPayload({ config })).logger, request, response)
  return response
}

async function answer(request: Request): Promise<Response> {
  if (isShuttingDown()) return jsonError(503, 'The server is restarting; retry shortly.', { 'Retry-After': '2' })
  // The stream lives until the client leaves: shutdown ends it itself instead of waiting on it.
  const isStream = isStreamRequest(request.method, new URL(request.url).pathname)
  return isStream ? forward(request) : trackRequest(() => forward(request))
}

async function forward(request: Request): Promise<Response> {
  const body = await readBoundedBody(request, env.limits.maxBodyBytes)
  if (!body.ok) return jsonError(body.status, body.message)
  const problem = await malformedRequestProblem(request, body.bytes)
  if (problem) return jsonError(400, problem)

  const headers = new Headers(withOwnOriginAsSameOrigin(request.headers, new URL(request.url).protocol))
  headers.delete('transfer-encoding')
  if (body.bytes) headers.set('content-length', String(body.bytes.byteLength))
  const buffered = new Request(request.url, {
    method: request.method,
    headers,
    body: body.bytes?.byteLength ? (body.bytes as BodyInit) : undefined,
    signal: request.signal,
  })
  let response: Response
  try {
    response = await handleEndpoints({ config, request: buffered })
  } catch (error) {
    // Payload's handler answers its own errors; anything escaping it is logged, never shown.
    console.error('request failed outside Payload error handling', error)
    return jsonError(500, 'Something went wrong.')
  }
  // Payload answers 501 to a method on a collection with no REST endpoints: that is a 405.
  if (response.status === 501) return jsonError(405, `${request.method} is not allowed here.`)
  return response
}
