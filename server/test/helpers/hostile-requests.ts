// Generators of malformed and hostile requests for the fuzz test. By construction none of them
// is a valid write by anyone but the fuzzing member herself: emails are invalid, receivers never
// name a user, passwords never match. So the data of everyone else must come out unchanged.
import type { Prng } from './prng'

const INJECTIONS = [
  "' OR 1=1 --",
  '"; DROP TABLE messages; --',
  '<script>alert(1)</script>',
  '{{7*7}}',
  '${process.exit(1)}',
  '../../etc/passwd',
  '%00',
  '\u0000\u0001\u001f',
  '\ud800',
  '𝕳𝖊𝖑𝖑𝖔 🧨 \u202e',
  '__proto__',
  'constructor',
]
const BAD_IDS = ['0', '-1', 'abc', '1.5', '1e3', '99999999999999999999', "1' OR '1'='1", '%27', 'null', 'undefined', '[]', '🧨', ' 1', '0x10']
const NEVER_A_USER = [0, -1, 1.5, 'abc', 99_999_999, null, true, [], {}, { value: 1 }, '', '1; DROP TABLE users']
const BAD_EMAILS = ['', 'not-an-email', '@', 'a@', ' ', 'x'.repeat(5000), "' OR 1=1 --", 42, null, [], {}]
const METHODS = ['GET', 'GET', 'POST', 'POST', 'PATCH', 'PUT', 'DELETE', 'OPTIONS', 'HEAD', 'PROPFIND', 'PURGE']

export function hostileValue(r: Prng, depth = 0): unknown {
  switch (r.int(depth > 2 ? 6 : 9)) {
    case 0: return r.pick(INJECTIONS)
    case 1: return r.pick(BAD_IDS)
    case 2: return r.pick([0, -1, 1e308, -0, 2 ** 53 + 1, Number.MAX_SAFE_INTEGER])
    case 3: return r.pick([null, true, false])
    case 4: return 'x'.repeat(r.pick([4001, 10_000, 60_000]))
    case 5: return r.pick(['', ' ', '\n\t'])
    case 6: return Array.from({ length: r.int(4) }, () => hostileValue(r, depth + 1))
    case 7: return { [r.pick(['__proto__', 'constructor', 'where', 'id', 'equals'])]: hostileValue(r, depth + 1) }
    default: return deepObject(r.int(60) + 1)
  }
}

// A lone surrogate cannot be URI-encoded: send an invalid UTF-8 escape instead, hostile as well.
function encode(value: string): string {
  try {
    return encodeURIComponent(value)
  } catch {
    return '%ED%A0%80%E0%A4%A'
  }
}

function deepObject(levels: number): unknown {
  let value: unknown = 'deep'
  for (let i = 0; i < levels; i++) value = { a: value }
  return value
}

function deepWhere(r: Prng): string {
  const levels = r.pick([1, 5, 12, 40])
  let key = 'where'
  for (let i = 0; i < levels; i++) key += `[${r.pick(['and', 'or'])}][${r.int(3)}]`
  return `${key}[${r.pick(['id', 'sender', 'receiver', 'content', 'timestamp', 'email', 'sender.email', 'nope', 'password', 'hash'])}][${r.pick(['equals', 'in', 'like', 'exists', 'near', 'greater_than', 'contains', 'bogus'])}]=${encode(String(r.pick([...BAD_IDS, ...INJECTIONS])))}`
}

function hostileQuery(r: Prng): string {
  const parts: string[] = []
  for (let i = r.int(4); i > 0; i--) {
    parts.push(
      r.pick([
        () => deepWhere(r),
        () => `depth=${r.pick(['999', '-1', 'abc', '1e9', '2'])}`,
        () => `limit=${r.pick(['-1', '0', '1e9', 'abc', '100000'])}`,
        () => `page=${r.pick(['-5', '0', 'abc', '99999999'])}`,
        () => `sort=${r.pick(['-hash', 'password', '--id', 'sender.email', '🧨', "id;DROP"])}`,
        () => `select[${r.pick(['hash', 'salt', 'email', 'content'])}]=true`,
        () => `populate[users][email]=true`,
        () => `lastEventId=${encode(r.pick(['-5', 'abc', '1.5', '99999999999999999999', '1e3', ' ']))}`,
        () => `where=${encode(r.pick(['1', '[]', 'null', '{"id":1}']))}`,
        () => `draft=true&locale=${r.pick(['xx', '__proto__', '*'])}&trash=true`,
      ])(),
    )
  }
  return parts.length ? `?${parts.join('&')}` : ''
}

function hostileBody(r: Prng): string | undefined {
  switch (r.int(6)) {
    case 0: return undefined
    case 1: return r.pick(['{', '{"a":', 'null', '[]', '"text"', '42', '{"a":1}}', '\u0000', '{"receiver": 1,}'])
    case 2: return JSON.stringify({ receiver: r.pick(NEVER_A_USER), content: hostileValue(r), sender: 1, timestamp: 'nope' })
    case 3: return JSON.stringify({ email: r.pick(BAD_EMAILS), password: hostileValue(r), name: hostileValue(r), role: 'admin' })
    case 4: return JSON.stringify({ peer: hostileValue(r), upTo: hostileValue(r) })
    default: return JSON.stringify(hostileValue(r))
  }
}

export interface HostileRequest {
  method: string
  path: string
  body?: string
  headers: Record<string, string>
}

export function hostileRequest(r: Prng, { messageIds, userIds, token }: { messageIds: number[]; userIds: number[]; token: string }): HostileRequest {
  const id = () => (r.chance(0.5) ? String(r.pick([...messageIds, ...userIds])) : encode(r.pick(BAD_IDS)))
  const path = r.pick([
    () => '/api/users', () => `/api/users/${id()}`, () => '/api/users/me', () => '/api/users/login',
    () => '/api/users/logout', () => '/api/users/refresh-token', () => '/api/users/forgot-password',
    () => '/api/users/reset-password', () => '/api/users/unlock', () => '/api/users/first-register',
    () => '/api/users/init', () => '/api/access', () => '/api/messages', () => `/api/messages/${id()}`,
    () => '/api/messages/sse', () => '/api/messages/conversations', () => '/api/messages/read',
    () => '/api/conversation-reads', () => `/api/conversation-reads/${id()}`, () => '/api/graphql',
    () => `/api/${r.pick(['nope', 'payload-preferences', 'payload-migrations', 'payload-locked-documents'])}`,
  ])()
  const headers: Record<string, string> = {}
  // Logging out would end the fuzzing member's session and turn the rest of the run anonymous.
  const auth = path.startsWith('/api/users/logout') ? 2 : r.int(4)
  if (auth === 1) headers.authorization = `JWT ${token}`
  if (auth === 2) headers.authorization = `JWT ${r.pick(['not.a.token', 'eyJhbGciOiJub25lIn0.eyJpZCI6MX0.', `${token.slice(0, -4)}AAAA`, ''])}`
  if (auth === 3) headers.cookie = `payload-token=${r.pick(['forged', `${token.slice(0, -4)}AAAA`, 'a'.repeat(3000)])}`
  if (r.chance(0.3)) headers['content-type'] = r.pick(['application/json', 'text/plain', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'application/json; charset=utf-16'])
  else headers['content-type'] = 'application/json'
  if (r.chance(0.1)) headers['last-event-id'] = r.pick(['-1', 'abc', '99999999999999999999', '1.5'])
  if (r.chance(0.05)) headers['x-oversized'] = 'x'.repeat(r.pick([8_000, 20_000]))
  if (r.chance(0.05)) headers['x-http-method-override'] = 'GET'
  const method = r.pick(METHODS)
  const body = method === 'GET' || method === 'HEAD' ? undefined : hostileBody(r)
  return { method, path: `${path}${hostileQuery(r)}`, body, headers }
}
