// Every /api request but the stream: the checks that need no user (body size, malformed shapes)
// run before Payload, then Payload's own handler answers. Limits that need the user live in
// collection hooks.
import { handleEndpoints, type SanitizedConfig } from 'payload'

import { env } from '../env'
import { readBoundedBody } from './bounded-body'
import { jsonError } from './error-body.mjs'
import { withOwnOriginAsSameOrigin } from './own-origin'
import { malformedRequestProblem } from './request-checks'
import { tooLarge } from '../uploads/check-upload'
import { uploadRoute } from '../uploads/rules'
import { admitUpload } from '../uploads/upload-gate'

export async function serveRest(config: SanitizedConfig | Promise<SanitizedConfig>, request: Request): Promise<Response> {
  // An upload (POST /api/attachments, /api/avatars) may carry its collection's file size.
  const upload = uploadRoute(request.method, new URL(request.url).pathname)
  if (!upload) return serveBuffered(config, request, null)
  const admitted = await admitUpload(config, request)
  if (admitted instanceof Response) return admitted
  try {
    return await serveBuffered(config, request, upload)
  } finally {
    admitted()
  }
}

async function serveBuffered(config: SanitizedConfig | Promise<SanitizedConfig>, request: Request, upload: ReturnType<typeof uploadRoute>): Promise<Response> {
  const body = await readBoundedBody(request, upload?.maxBodyBytes ?? env.limits.maxBodyBytes)
  if (!body.ok) return jsonError(body.status, body.status === 413 && upload ? tooLarge(upload.rules).message : body.message)
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
