// The search benchmark (`pnpm bench --search`): a fresh database with N messages (100,000 by
// default) in DMs and rooms, then searches of words of every frequency, prefixes and one
// conversation, timed through the real endpoint (GET /api/messages/search over HTTP, one at a
// time) and directly (the endpoint's own SQL, db/sqlite/search.ts or db/postgres/search.ts, on a
// connection of the bench's).
//
// Users sign up over REST; the messages are written straight into the server's database (its
// SQLite file, or a postgres:// URL) in batches of 2,000 (100,000 posts over REST would take
// minutes and measure the write path, not search). They go through the same triggers (SQLite) or
// generated column (PostgreSQL) as any write, so the index is built exactly as it is in use: row
// by row, inside each insert.
import { createUsers } from './clients.mjs'

const USERS = 20
const ROOMS = 10
// The searching user is in the first half of the rooms and in DMs with everyone: about a third of
// all messages are theirs to search (a heavy user of a busy server).
const MEMBER_ROOMS = 5
const VOCABULARY = 5000
const BATCH = 2000

// Deterministic (mulberry32), so every run searches the same text.
function prng(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

// Pronounceable made-up words, the most frequent first; drawn with Zipf's law (s = 1.07) as words
// are in real text: the top word is in most messages, the rarest in a handful.
function vocabulary(random) {
  const syllables = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'to', 'vi', 'ze', 'po', 'qua', 'bre', 'sti', 'gal', 'mon', 'dra', 'fel', 'hin', 'jor', 'wex']
  const words = new Set()
  while (words.size < VOCABULARY) {
    const n = 2 + Math.floor(random() * 3)
    words.add(Array.from({ length: n }, () => syllables[Math.floor(random() * syllables.length)]).join(''))
  }
  return [...words]
}

function zipfSampler(random, n, s = 1.07) {
  const cumulative = new Float64Array(n)
  let sum = 0
  for (let i = 0; i < n; i++) cumulative[i] = sum += 1 / (i + 1) ** s
  return () => {
    const x = random() * sum
    let lo = 0
    let hi = n - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (cumulative[mid] < x) lo = mid + 1
      else hi = mid
    }
    return lo
  }
}

const isPostgres = (database) => /^postgres(ql)?:\/\//i.test(database)

// The server's database as the bench writes it: statements with `?` placeholders, run one by one
// (insertId) or in one transaction (batch), and the count of messages the index finds a word in.
async function openDatabase(database) {
  if (isPostgres(database)) {
    const { default: pg } = await import('pg')
    const client = new pg.Client({ connectionString: database })
    await client.connect()
    const numbered = (sql) => {
      let n = 0
      return sql.replaceAll('?', () => `$${++n}`)
    }
    return {
      insertId: async ({ sql, args }) => Number((await client.query(`${numbered(sql)} RETURNING id`, args)).rows[0].id),
      batch: async (statements) => {
        await client.query('BEGIN')
        for (const { sql, args } of statements) await client.query(numbered(sql), args)
        await client.query('COMMIT')
      },
      withWord: async (word) => Number((await client.query('SELECT COUNT(*) AS n FROM messages WHERE search_vector @@ message_search_phrase($1)', [word])).rows[0].n),
      // As autovacuum leaves a table a minute after a bulk write: the GIN index's pending list
      // merged and statistics taken (without them a rare word was planned as a scan of every row).
      settle: () => client.query('VACUUM ANALYZE messages'),
      close: () => client.end(),
    }
  }
  const { createClient } = await import('@libsql/client')
  const db = createClient({ url: `file:${database}` })
  await db.execute('PRAGMA busy_timeout = 5000')
  return {
    insertId: async (statement) => Number((await db.execute(statement)).lastInsertRowid),
    batch: (statements) => db.batch(statements, 'write'),
    withWord: async (word) => Number((await db.execute({ sql: 'SELECT COUNT(*) AS n FROM messages_fts WHERE messages_fts MATCH ?', args: [`"${word}"`] })).rows[0].n),
    settle: async () => {},
    close: () => db.close(),
  }
}

// Writes the population: users over REST, rooms, memberships and messages by SQL into `database`
// (a SQLite file or a postgres:// URL). Returns the searching user (with token), its peer, one of
// its rooms and the vocabulary.
export async function createSearchPopulation(url, database, messages) {
  const users = await createUsers(url, USERS)
  const random = prng(17)
  const words = vocabulary(random)
  const pick = zipfSampler(random, words.length)
  const db = await openDatabase(database)
  try {
    const now = new Date().toISOString()
    const rooms = []
    for (let r = 0; r < ROOMS; r++) {
      rooms.push(await db.insertId({ sql: "INSERT INTO rooms (name, visibility) VALUES (?, 'public')", args: [`search ${r}`] }))
    }
    // Users 1.. are in every room; the searcher (user 0) in the first MEMBER_ROOMS.
    const memberships = rooms.flatMap((room, r) =>
      users
        .filter((_, u) => u > 0 || r < MEMBER_ROOMS)
        .map((user, u) => ({
          sql: 'INSERT INTO room_memberships (room_id, user_id, role, joined_at, notify) VALUES (?, ?, ?, ?, ?)',
          args: [room, user.id, u === 0 ? 'owner' : 'member', now, 'mentions'],
        })),
    )
    await db.batch(memberships)
    const started = performance.now()
    for (let from = 0; from < messages; from += BATCH) {
      const statements = []
      for (let i = from; i < Math.min(messages, from + BATCH); i++) {
        const length = 3 + Math.floor(random() * 28)
        const content = Array.from({ length }, () => words[pick()]).join(' ')
        const sender = users[Math.floor(random() * USERS)]
        const at = new Date(Date.parse('2026-01-01T00:00:00Z') + i * 60_000).toISOString()
        if (random() < 0.5) {
          let receiver = users[Math.floor(random() * USERS)]
          if (receiver === sender) receiver = users[(users.indexOf(sender) + 1) % USERS]
          statements.push({
            sql: 'INSERT INTO messages (sender_id, receiver_id, content, mentions, timestamp, updated_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
            args: [sender.id, receiver.id, content, '[]', at, at, at],
          })
        } else {
          statements.push({
            sql: 'INSERT INTO messages (sender_id, room_id, content, mentions, timestamp, updated_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
            args: [sender.id, rooms[Math.floor(random() * ROOMS)], content, '[]', at, at, at],
          })
        }
      }
      await db.batch(statements)
    }
    const seedSeconds = (performance.now() - started) / 1000
    await db.settle()
    return { searcher: users[0], peer: users[1], room: rooms[0], words, seedSeconds, indexedWithTopWord: await db.withWord(words[0]) }
  } finally {
    db.close()
  }
}

// The searches, by kind: words by how often they occur, two words, prefixes as typed, and the
// same within one DM and one room. Each kind is run `perKind` times with different words.
export function searchCases({ words, peer, room }, perKind) {
  const at = (rank, i) => words[Math.min(words.length - 1, rank + i)]
  const kinds = {
    'common word (ranks 1-20)': (i) => ({ q: at(0, i % 20) }),
    'middling word (ranks 100-300)': (i) => ({ q: at(100, i * 7 % 200) }),
    'rare word (ranks 3000-5000)': (i) => ({ q: at(3000, i * 13 % 2000) }),
    'two words': (i) => ({ q: `${at(0, i % 50)} ${at(50, i * 3 % 400)}` }),
    'prefix, 2 letters': (i) => ({ q: at(0, i % 300).slice(0, 2) }),
    'prefix, 3 letters': (i) => ({ q: at(0, i % 300).slice(0, 3) }),
    'word, one DM': (i) => ({ q: at(0, i % 200), peer: peer.id }),
    'word, one room': (i) => ({ q: at(0, i % 200), room }),
  }
  return Object.entries(kinds).map(([kind, make]) => ({ kind, params: Array.from({ length: perKind }, (_, i) => make(i)) }))
}

// The endpoint's own search (db/sqlite/search.ts or db/postgres/search.ts, TypeScript loaded
// through tsx) on a connection of the bench's: the SQL alone (and PostgreSQL's snippets, cut in
// Node), without HTTP, login and the REST read of the hits.
export async function directSearch(database) {
  const { tsImport } = await import('tsx/esm/api')
  const search = await (isPostgres(database) ? postgresSearch(database, tsImport) : sqliteSearch(database, tsImport))
  return {
    // As the endpoint asks: words split on spaces, the last a prefix, one page of 20 (+1).
    async run(userId, { q, peer, room }) {
      const conversation = peer ? { peer } : room ? { room } : undefined
      return (await search.run({ userId, words: q.split(' '), prefix: true, conversation, limit: 21, offset: 0 })).length
    },
    close: search.close,
  }
}

async function sqliteSearch(databaseFile, tsImport) {
  const { searchWith } = await tsImport('../../src/db/sqlite/search.ts', import.meta.url)
  const { createClient } = await import('@libsql/client')
  const db = createClient({ url: `file:${databaseFile}` })
  await db.execute('PRAGMA busy_timeout = 5000')
  return { run: (query) => searchWith(db, query), close: () => db.close() }
}

// The app's statements (drizzle SQL) rendered as PostgreSQL's and run on the bench's own pool.
async function postgresSearch(url, tsImport) {
  const { searchWith } = await tsImport('../../src/db/postgres/search.ts', import.meta.url)
  const { PgDialect } = await import('drizzle-orm/pg-core')
  const { default: pg } = await import('pg')
  const dialect = new PgDialect()
  const pool = new pg.Pool({ connectionString: url, max: 1 })
  const run = async (statement) => {
    const { sql, params } = dialect.sqlToQuery(statement)
    return (await pool.query(sql, params)).rows
  }
  return { run: (query) => searchWith(run, query), close: () => pool.end() }
}
