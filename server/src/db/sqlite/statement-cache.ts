// Prepared statements kept per SQLite connection, so a statement the server runs again is not
// compiled again. @libsql/client (under Payload's SQLite adapter) prepares every statement on
// every call; compiling is 0.1-0.16 ms for a message's INSERT (its triggers are compiled with it)
// or a document read, several per request, synchronously on the event loop (docs/performance.md:
// about 8 % of the server's busy time while sending at full speed).
//
// The connection is private to @libsql/client, so the cache sits in libsql's Database.prepare,
// process-wide. A cached statement is handed back as a fresh one would be: raw mode off and the
// connection's integer mode (a caller sets its own modes after prepare, as @libsql/client does on
// every call). Reusing one is safe: libsql runs a statement synchronously and resets it before
// each run (an earlier error or a half-read result leaves nothing behind), and SQLite re-prepares
// it after a schema change. Least recently used statements beyond the bound are dropped (freed
// when collected). The one thing it asks of callers: a statement kept and given its modes once (as
// ./cross-process.ts keeps one on a connection of its own) is not prepared again on that same
// connection, which would hand the same object back with its modes reset.
import Database from 'libsql'

type Connection = InstanceType<typeof Database>

export const STATEMENTS_PER_CONNECTION = 500

type Statement = ReturnType<Connection['prepare']>
type Prepare = (this: Connection, sql: string) => Statement

// Process-wide counts, for tests and profiling: how often a prepare was answered from the cache.
export const statementCacheStats = { hits: 0, misses: 0 }

const caches = new WeakMap<Connection, Map<string, Statement>>()
const safeIntegersByDefault = new WeakMap<Connection, boolean>()
const INSTALLED = Symbol.for('payload-chat.statement-cache')

function asFresh(statement: Statement, database: Connection): Statement {
  try {
    statement.raw(false)
  } catch {
    // Not a reader: raw mode does not apply.
  }
  statement.safeIntegers(safeIntegersByDefault.get(database) ?? false)
  return statement
}

export function installStatementCache(): void {
  const proto = Database.prototype as unknown as Record<PropertyKey, unknown> & { prepare: Prepare; defaultSafeIntegers: (toggle?: boolean) => Connection }
  if (proto[INSTALLED]) return
  proto[INSTALLED] = true
  const prepare = proto.prepare
  const defaultSafeIntegers = proto.defaultSafeIntegers
  proto.defaultSafeIntegers = function (this: Connection, toggle?: boolean) {
    safeIntegersByDefault.set(this, toggle ?? true)
    return defaultSafeIntegers.call(this, toggle)
  }
  proto.prepare = function (this: Connection, sql: string) {
    let cache = caches.get(this)
    if (!cache) caches.set(this, (cache = new Map()))
    const cached = cache.get(sql)
    if (cached) {
      // Most recently used last: the first key is the one to drop.
      cache.delete(sql)
      cache.set(sql, cached)
      statementCacheStats.hits++
      return asFresh(cached, this)
    }
    const statement = prepare.call(this, sql)
    statementCacheStats.misses++
    cache.set(sql, statement)
    if (cache.size > STATEMENTS_PER_CONNECTION) cache.delete(cache.keys().next().value as string)
    return statement
  }
}
