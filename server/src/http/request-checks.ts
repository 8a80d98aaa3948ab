// Shapes Payload's REST handler does not guard itself: each of these reached SQLite or a
// JSON.parse unchecked and answered 500 (found by test/int/fuzz.int.test.ts). Checked here, once,
// for every route including Payload's own collections, they are a 400 with a message.
import { jsonNestsDeeperThan, tooDeepMessage } from './json-depth'
import { queryBoundsProblem } from './query-bounds'

// A create or update: the collection itself or one document by id (named paths are endpoints).
const DOCUMENT_WRITE = /^\/api\/[\w-]+(\/\d+)?\/?$/
// Payload's upload file route: GET /api/<collection>/file/<name>.
const FILE_ROUTE = /^\/api\/[\w-]+\/file\//

function parsesAsJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch {
    return { ok: false }
  }
}

const decode = (bytes: Uint8Array | null) => (bytes ? new TextDecoder().decode(bytes) : '')

export function contentTypeOf(request: Request): string {
  return (request.headers.get('content-type') ?? '').toLowerCase()
}

// Payload runs a POST as a GET when either header says exactly GET (handleEndpoints): the same
// test here, or a request naming both headers would be checked as a write and run as a read.
const OVERRIDE_HEADERS = ['x-payload-http-method-override', 'x-http-method-override']

export function methodOverride(request: Request): boolean {
  return request.method === 'POST' && OVERRIDE_HEADERS.some((name) => request.headers.get(name) === 'GET')
}

// Returns the problem with the request, or null.
export async function malformedRequestProblem(request: Request, bytes: Uint8Array | null): Promise<string | null> {
  const type = contentTypeOf(request)
  const overridden = methodOverride(request)
  const isJson = /^application\/([\w.+-]+\+)?json\b/.test(type)

  // Some handlers (preferences) parse the body as JSON whatever its type: the depth of any body
  // but a multipart one, which Payload reads as form data (its `_payload` field is checked below;
  // an uploaded file's bytes are not JSON and may hold any number of brackets).
  const multipart = type.startsWith('multipart/form-data')
  if (bytes?.byteLength && !multipart && jsonNestsDeeperThan(decode(bytes))) return tooDeepMessage('The request body')
  // The override parses even an empty JSON body; any JSON body must be an object.
  if (isJson && (bytes?.byteLength || overridden)) {
    const parsed = parsesAsJson(decode(bytes))
    if (!parsed.ok) return 'Invalid JSON: the request body could not be parsed.'
    if (!parsed.value || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
      return 'The request body must be a JSON object.'
    }
  }

  // Payload's own collections (preferences…) crash on a create or update with no data at all,
  // which is what a body of any other type (text/plain…) becomes.
  const writes = ['POST', 'PATCH', 'PUT'].includes(request.method) && !overridden
  const readable = isJson || type.startsWith('multipart/form-data')
  if (writes && (!bytes?.byteLength || !readable) && DOCUMENT_WRITE.test(new URL(request.url).pathname)) {
    return 'The request body must be a JSON object.'
  }

  // Payload appends an overridden urlencoded body to the URL after a second '?', as is.
  const url = new URL(overridden && type.startsWith('application/x-www-form-urlencoded') ? `${request.url}?${decode(bytes)}` : request.url)
  const bounds = queryBoundsProblem(url.search, request.method === 'GET' || overridden)
  if (bounds) return bounds
  const query = url.searchParams
  for (const name of ['where', 'data']) {
    if (query.getAll(name).some((value) => value !== '' && !parsesAsJson(value).ok)) {
      return `"${name}" must be JSON, or given in brackets: ${name}[field][operator]=value.`
    }
  }
  // Payload's file route turns `?prefix=` into a filter on a `prefix` field no collection of ours
  // has: drizzle threw and it answered 500.
  if (FILE_ROUTE.test(url.pathname) && query.has('prefix')) return '"prefix" is not supported on file routes.'

  if (multipart) {
    try {
      const form = await new Request(request.url, { method: 'POST', headers: request.headers, body: (bytes ?? new Uint8Array()) as BodyInit }).formData()
      // Payload parses the `_payload` field as the JSON body.
      if (jsonNestsDeeperThan(String(form.get('_payload') ?? ''))) return tooDeepMessage('"_payload"')
    } catch {
      return 'Invalid multipart/form-data body.'
    }
  }
  return null
}
