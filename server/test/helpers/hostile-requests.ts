// Hostile requests: the named shapes that once answered 500 (used by bounded-queries.int.test.ts)
// and fast-check arbitraries that generate requests to every route for the fuzz test. By
// construction no generated request is a valid write by anyone but the fuzzing member herself:
// emails are invalid, receivers never name a user, passwords never match, and the admin's token
// is only used to read. So everyone else's data must come out unchanged.
import fc from 'fast-check'

export const deepJson = (levels: number) => '['.repeat(levels) + ']'.repeat(levels)
const nested = (key: string, levels: number) => `{"${key}":[`.repeat(levels) + '{"id":{"equals":1}}' + ']}'.repeat(levels)
const clauses = (count: number, condition: (i: number) => string) => `{"or":[${Array.from({ length: count }, (_, i) => condition(i)).join(',')}]}`

// Query strings (no '?') for GET or for a form body with the method override.
export const PAGING_QUERIES: Record<string, string> = {
  'a negative limit and page': 'limit=-5&page=-1',
  'limit=0 (all)': 'limit=0',
  'a limit over 100': 'limit=100000&depth=1',
  'pagination=false without a limit': 'pagination=false',
  'page 0': 'page=0',
  'a negative depth': 'depth=-1',
  'a depth over 10': 'depth=11',
  'a limit given twice': 'limit=5&limit=6',
  'a limit as an object': 'limit[a]=5',
  'a boolean that is not one': 'draft=maybe',
}

export const COMPLEXITY_QUERIES: Record<string, string> = {
  'a where with 1,200 or clauses': `where=${clauses(1200, (i) => `{"id":{"equals":${i}}}`)}`,
  'or nested 1,000 deep': `where=${nested('or', 1000)}`,
  'and nested 2,500 deep': `where=${nested('and', 2500)}`,
  '1,400 clauses on a joined field': `where=${clauses(1400, (i) => `{"sender.name":{"equals":"x${i}"}}`)}`,
  '1,200 or clauses in brackets': Array.from({ length: 1200 }, (_, i) => `where[or][${i}][id][equals]=${i}`).join('&'),
  'an in list of 5,000 ids': `where[id][in]=${Array.from({ length: 5000 }, (_, i) => i + 1).join(',')}`,
  'a sort with 3,000 fields': `sort=${Array.from({ length: 3000 }, () => 'id').join(',')}`,
  'a sort that is not field names': 'sort=--id',
  'select nested 8 deep': 'select[a][b][c][d][e][f][g][h]=true',
  'populate naming 300 fields': Array.from({ length: 300 }, (_, i) => `populate[users][f${i}]=true`).join('&'),
  'joins naming 300 fields': Array.from({ length: 300 }, (_, i) => `joins[f${i}][limit]=1`).join('&'),
}

const INJECTIONS = ["' OR 1=1 --", '"; DROP TABLE messages; --', '<script>alert(1)</script>', '${process.exit(1)}', '../../etc/passwd', '\u0000\u0001\u001f', '𝕳𝖊𝖑𝖑𝖔 🧨 \u202e', '__proto__', 'constructor']
const BAD_IDS = ['0', '-1', 'abc', '1.5', '1e3', '99999999999999999999', "1' OR '1'='1", 'null', '[]', '🧨', ' 1', '0x10', 'versions', 'me']
const NEVER_A_USER = [0, -1, 1.5, 'abc', 99_999_999, null, true, [], {}, { value: 1 }, '', '1; DROP TABLE users']
const BAD_EMAILS = ['', 'not-an-email', '@', 'a@', ' ', 'x'.repeat(5000), "' OR 1=1 --", 42, null, [], {}]
const OPERATORS = ['equals', 'not_equals', 'in', 'not_in', 'all', 'like', 'contains', 'exists', 'near', 'greater_than', 'less_than_equal', 'within', 'bogus']
// Every field a where or sort may name, readable or not, top-level, dotted through a
// relationship or unknown: hidden ones must be refused (400), never answered.
export const FIELD_PATHS = [
  'id', 'sender', 'receiver', 'content', 'clientId', 'timestamp', 'editedAt', 'createdAt', 'updatedAt', 'name', 'email', 'role',
  'hash', 'salt', 'sessions.id', 'loginAttempts', 'lockUntil', 'resetPasswordToken', 'user', 'peer', 'lastReadId', 'key', 'value',
  'sender.email', 'sender.role', 'sender.updatedAt', 'sender.hash', 'receiver.name', 'sender.sessions.id', 'user.role', 'peer.email', 'nope', 'sender.nope',
]
export const QUERY_PARAMS = ['limit', 'page', 'depth', 'sort', 'where', 'select', 'populate', 'joins', 'draft', 'locale', 'fallback-locale', 'pagination', 'trash', 'data', 'lastEventId', 'autosave', 'overrideLock']

const deepWhere = (levels: number) => nested('or', levels)
const oneOf = <T>(items: readonly T[]) => fc.constantFrom(...items)

export const hostileScalar: fc.Arbitrary<unknown> = fc.oneof(
  oneOf(INJECTIONS),
  oneOf(BAD_IDS),
  oneOf([0, -1, 1e308, -0, 2 ** 53 + 1, Number.MAX_SAFE_INTEGER]),
  oneOf([null, true, false, '', ' ', '\n\t', '2099-01-01T00:00:00.000Z']),
  fc.constantFrom(4001, 10_000, 60_000).map((n) => 'x'.repeat(n)),
  fc.string({ maxLength: 20, unit: 'binary' }),
  fc.integer(),
)

export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileScalar,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(oneOf(['__proto__', 'constructor', 'where', 'id', 'equals', 'value', 'relationTo']), tie('value'), { maxKeys: 3 }),
  ),
})).value

const encode = (value: unknown) => {
  try {
    return encodeURIComponent(typeof value === 'string' ? value : JSON.stringify(value) ?? '')
  } catch {
    return '%ED%A0%80%E0%A4%A' // a lone surrogate: an invalid escape, hostile as well
  }
}

// One query parameter: a bracketed where on any field (nested in and/or), a hidden-field sort,
// or any parameter with a hostile value.
const queryPart: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(fc.array(fc.tuple(oneOf(['and', 'or']), fc.nat(3)), { maxLength: 4 }), oneOf(FIELD_PATHS), oneOf(OPERATORS), hostileScalar)
    .map(([levels, path, operator, value]) => `where${levels.map(([k, i]) => `[${k}][${i}]`).join('')}[${path}][${operator}]=${encode(value)}`),
  fc.tuple(fc.boolean(), oneOf(FIELD_PATHS)).map(([desc, path]) => `sort=${desc ? '-' : ''}${path}`),
  fc.tuple(oneOf(QUERY_PARAMS), hostileValue).map(([name, value]) => `${name}=${encode(value)}`),
  fc.tuple(oneOf(['select', 'populate']), oneOf(FIELD_PATHS)).map(([name, path]) => `${name}[${path.replace('.', '][')}]=true`),
  oneOf([...Object.values(PAGING_QUERIES), `where=${encodeURIComponent(deepWhere(40))}`, 'limit=100&depth=10', 'pagination=false&limit=100']),
)

function bodyFor(kind: string, value: unknown, receiver: unknown, email: unknown): string | undefined {
  switch (kind) {
    case 'none': return undefined
    case 'message': return JSON.stringify({ receiver, content: value, sender: 1, createdAt: value, updatedAt: '2099-01-01T00:00:00.000Z' })
    case 'user': return JSON.stringify({ email, password: value, name: value, role: 'admin', sessions: [{ id: 'x', expiresAt: '2099-01-01' }] })
    case 'read': return JSON.stringify({ peer: value, upTo: value })
    case 'deep': return `{"value":${deepJson(20_000)}}`
    default: return JSON.stringify(value) ?? 'undefined'
  }
}

const TRUNCATED_MULTIPART = '--x\r\nContent-Disposition: form-data; name="_payload"\r\n\r\n{'
const rawBody = oneOf(['{', '{"a":', 'null', '[]', '"text"', '42', '{"a":1}}', '\u0000', '{"receiver": 1,}', deepJson(20_000), `{"where":${deepWhere(500)}}`, TRUNCATED_MULTIPART])
const hostileBody: fc.Arbitrary<string | undefined> = fc.oneof(
  fc
    .tuple(oneOf(['none', 'message', 'user', 'read', 'deep', 'value']), hostileValue, oneOf(NEVER_A_USER), oneOf(BAD_EMAILS))
    .map(([kind, value, receiver, email]) => bodyFor(kind, value, receiver, email)),
  rawBody,
  // form bodies, for the method override
  oneOf(Object.values(COMPLEXITY_QUERIES)),
)

export interface HostileRequest {
  method: string
  path: string
  body?: string
  headers: Record<string, string>
}

export interface Targets {
  // Every route Payload answers, as '<method> /api/…' with :params (from the running config).
  routes: string[]
  ids: number[]
  member: string // the fuzzing member's token
  admin: string // used for reads only
}

const METHODS = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE', 'OPTIONS', 'HEAD', 'PROPFIND']
const READS = new Set(['GET', 'HEAD', 'OPTIONS'])

export function hostileRequests({ routes, ids, member, admin }: Targets): fc.Arbitrary<HostileRequest> {
  const param = fc.oneof(oneOf(ids.map(String)), oneOf(BAD_IDS).map(encode))
  return fc
    .record({
      route: oneOf(routes),
      ownMethod: fc.boolean(),
      method: oneOf(METHODS),
      param,
      query: fc.array(queryPart, { maxLength: 4 }),
      body: hostileBody,
      auth: oneOf(['none', 'member', 'member', 'admin', 'forged', 'cookie']),
      contentType: oneOf(['application/json', 'application/json', 'text/plain', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'application/json; charset=utf-16']),
      override: fc.boolean(),
      lastEventId: fc.option(oneOf(['-1', 'abc', '99999999999999999999', '1.5'])),
    })
    .map((r) => {
      const [routeMethod, routePath] = r.route.split(' ')
      const method = r.ownMethod ? routeMethod.toUpperCase() : r.method
      const overridden = r.override && method === 'POST'
      const path = routePath.replace(/:\w+\??/g, r.param) + (r.query.length ? `?${r.query.join('&')}` : '')
      const headers: Record<string, string> = { 'content-type': r.contentType }
      // Logging out would end the member's session and turn the rest of the run anonymous; the
      // admin's token only ever reads.
      const auth = /logout/.test(routePath) && r.auth === 'member' ? 'forged' : r.auth === 'admin' && !(READS.has(method) || overridden) ? 'none' : r.auth
      if (auth === 'member') headers.authorization = `JWT ${member}`
      if (auth === 'admin') headers.authorization = `JWT ${admin}`
      if (auth === 'forged') headers.authorization = `JWT ${`${member.slice(0, -4)}AAAA`}`
      if (auth === 'cookie') headers.cookie = `payload-token=${'a'.repeat(3000)}`
      if (overridden) headers['x-payload-http-method-override'] = 'GET'
      if (r.lastEventId) headers['last-event-id'] = r.lastEventId
      const body = method === 'GET' || method === 'HEAD' ? undefined : r.body
      return { method, path, body, headers }
    })
}
