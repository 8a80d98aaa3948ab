import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import Database from 'libsql'
import { beforeAll, expect, it } from 'vitest'

import { installStatementCache, MAX_CACHED_PARAMETERS, STATEMENTS_PER_CONNECTION, statementCacheStats } from './statement-cache'

beforeAll(() => installStatementCache())

function database() {
  const db = new Database(':memory:')
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT UNIQUE)')
  return db
}

it('hands back the statement a connection prepared before, and compiles it once', () => {
  const db = database()
  const before = { ...statementCacheStats }
  const first = db.prepare('SELECT v FROM t WHERE id = ?')
  expect(db.prepare('SELECT v FROM t WHERE id = ?')).toBe(first)
  expect(statementCacheStats.misses - before.misses).toBe(1)
  expect(statementCacheStats.hits - before.hits).toBe(1)
  // Each connection has its own.
  expect(database().prepare('SELECT v FROM t WHERE id = ?')).not.toBe(first)
})

it('hands it back as a fresh one: rows as objects, numbers as numbers', () => {
  const db = database()
  db.prepare('INSERT INTO t (v) VALUES (?)').run('a')
  const statement = db.prepare('SELECT id, v FROM t')
  statement.raw(true)
  statement.safeIntegers(true)
  expect(statement.all()).toEqual([[1n, 'a']])
  expect(db.prepare('SELECT id, v FROM t').all()).toEqual([{ id: 1, v: 'a' }])
})

it("keeps the connection's own integer mode", () => {
  const db = database()
  db.defaultSafeIntegers(true)
  db.prepare('INSERT INTO t (v) VALUES (?)').run('a')
  db.prepare('SELECT id FROM t').safeIntegers(false)
  expect(db.prepare('SELECT id FROM t').all()).toEqual([{ id: 1n }])
})

it('runs a statement again after it failed, or was read only in part', () => {
  const db = database()
  const insert = db.prepare('INSERT INTO t (v) VALUES (?) RETURNING id')
  expect(insert.all('a')).toEqual([{ id: 1 }])
  expect(() => db.prepare('INSERT INTO t (v) VALUES (?) RETURNING id').all('a')).toThrow(/UNIQUE/)
  expect(db.prepare('INSERT INTO t (v) VALUES (?) RETURNING id').all('b')).toEqual([{ id: 2 }])
  db.prepare('SELECT id FROM t').iterate().next()
  expect(db.prepare('SELECT id FROM t').all()).toHaveLength(2)
})

it('compiles again after a schema change on the connection (a migration): the columns are the new ones', () => {
  const db = database()
  expect(db.prepare('SELECT * FROM t').columns().map((c) => c.name)).toEqual(['id', 'v'])
  db.exec('ALTER TABLE t ADD COLUMN w TEXT')
  const after = db.prepare('SELECT * FROM t')
  expect(after.columns().map((c) => c.name)).toEqual(['id', 'v', 'w'])
  db.prepare('INSERT INTO t (v, w) VALUES (?, ?)').run('a', 'b')
  expect(db.prepare('SELECT * FROM t').all()).toEqual([{ id: 1, v: 'a', w: 'b' }])
})

it('keeps nothing for a closed connection: preparing on it fails as without the cache', () => {
  const db = database()
  db.prepare('SELECT v FROM t')
  db.close()
  expect(() => db.prepare('SELECT v FROM t')).toThrow()
})

it(`compiles each time a statement with more than ${MAX_CACHED_PARAMETERS} parameters`, () => {
  const db = database()
  const long = `SELECT v FROM t WHERE id IN (${Array.from({ length: MAX_CACHED_PARAMETERS + 1 }, () => '?').join(', ')})`
  expect(db.prepare(long)).not.toBe(db.prepare(long))
  const short = `SELECT v FROM t WHERE id IN (${Array.from({ length: MAX_CACHED_PARAMETERS }, () => '?').join(', ')})`
  expect(db.prepare(short)).toBe(db.prepare(short))
})

it(`keeps at most ${STATEMENTS_PER_CONNECTION} statements a connection, the least recently used going first`, () => {
  const db = database()
  const oldest = db.prepare('SELECT 0')
  const recent = db.prepare('SELECT -1')
  for (let i = 1; i < STATEMENTS_PER_CONNECTION; i++) {
    db.prepare(`SELECT ${i}`)
    if (i % 100 === 0) db.prepare('SELECT -1')
  }
  expect(db.prepare('SELECT -1')).toBe(recent)
  expect(db.prepare('SELECT 0')).not.toBe(oldest)
})

it('never reads the database itself: a write prepared in a deferred transaction commits after another connection did', () => {
  // A read before the transaction's first write would take a snapshot, and the other connection's
  // commit would then make the write fail with SQLITE_BUSY (the shared rate limits' case).
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'statement-cache-')), 'x.db')
  const [mine, other] = [new Database(file), new Database(file)]
  mine.exec('PRAGMA journal_mode = WAL')
  mine.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)')
  const insert = 'INSERT INTO t (v) VALUES (?)'
  mine.prepare(insert).run('cached')
  for (const round of [1, 2]) {
    mine.exec('BEGIN')
    const statement = mine.prepare(insert)
    other.prepare(insert).run(`other ${round}`)
    statement.run(`mine ${round}`)
    mine.exec('COMMIT')
  }
  expect(other.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 5 })
  mine.close()
  other.close()
})

it('empties the cache after a schema change prepared and run (as @libsql/client runs a migration)', () => {
  const db = database()
  expect(db.prepare('SELECT * FROM t').columns().map((c) => c.name)).toEqual(['id', 'v'])
  db.prepare('ALTER TABLE t ADD COLUMN w TEXT').run()
  expect(db.prepare('SELECT * FROM t').columns().map((c) => c.name)).toEqual(['id', 'v', 'w'])
})

it('empties the cache after a schema change run through exec', () => {
  const db = database()
  expect(db.prepare('SELECT * FROM t').columns().map((c) => c.name)).toEqual(['id', 'v'])
  db.exec('ALTER TABLE t ADD COLUMN w TEXT; CREATE INDEX t_w ON t (w)')
  expect(db.prepare('SELECT * FROM t').columns().map((c) => c.name)).toEqual(['id', 'v', 'w'])
})
