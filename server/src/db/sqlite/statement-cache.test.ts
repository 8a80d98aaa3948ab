import Database from 'libsql'
import { beforeAll, expect, it } from 'vitest'

import { installStatementCache, STATEMENTS_PER_CONNECTION, statementCacheStats } from './statement-cache'

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

it('follows a schema change', () => {
  const db = database()
  expect(db.prepare('SELECT * FROM t').all()).toEqual([])
  db.exec('ALTER TABLE t ADD COLUMN w TEXT')
  db.prepare('INSERT INTO t (v, w) VALUES (?, ?)').run('a', 'b')
  expect(db.prepare('SELECT * FROM t').all()).toEqual([{ id: 1, v: 'a', w: 'b' }])
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
