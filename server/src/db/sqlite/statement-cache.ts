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
// each run (an earlier error or a half-read result leaves nothing behind). After a schema change
// on the connection (a migration: CREATE, ALTER, DROP, through prepare or exec) its cache is
// emptied: SQLite would re-prepare a statement when it runs, but the column names a caller reads
// before running it would be the old ones. (A change made by another connection reaches this
// one's schema when it next reads, cached or not.) The cache itself never reads the database: a
// read (of `PRAGMA schema_version`, say) before the first write of a deferred transaction takes a
// snapshot, and another process's commit then makes that write fail with SQLITE_BUSY at once,
// busy timeout or not (it did: the shared rate limits' transactions fell back to memory).
// Least recently used statements beyond the bound are dropped, long parameter lists (`in (?, …)`
// of varying length) are not kept, and a closed connection keeps nothing.
// The one thing it asks of callers: a statement kept and given its modes once (as
// ./cross-process.ts keeps one on a connection of its own) is not prepared again on that same
// connection, which would hand the same object back with its modes reset.
import Database from 'libsql'

type Connection = InstanceType<typeof Database>
type Statement = ReturnType<Connection['prepare']>

export const STATEMENTS_PER_CONNECTION = 500
// Statements with more parameters than this are compiled each time (their text varies with the
// length of a list, and each would hold memory for one use).
export const MAX_CACHED_PARAMETERS = 32

// Process-wide counts, for tests and profiling: how often a prepare was answered from the cache.
export const statementCacheStats = { hits: 0, misses: 0 }

interface Cache {
  statements: Map<string, Statement>
  // A schema change was prepared: empty the cache at the next prepare, once it has run.
  schemaChanged: boolean
}

// A statement (or, for exec, a script) that changes the schema.
const changesSchema = (sql: string) => /\b(?:CREATE|ALTER|DROP)\s+(?:TABLE|INDEX|TRIGGER|VIEW|UNIQUE|TEMP|TEMPORARY|VIRTUAL)\b/i.test(sql)

const caches = new WeakMap<Connection, Cache>()
const safeIntegersByDefault = new WeakMap<Connection, boolean>()
const INSTALLED = Symbol.for('payload-chat.statement-cache')

const parameterCount = (sql: string) => {
  let count = 0
  for (let i = sql.indexOf('?'); i !== -1 && count <= MAX_CACHED_PARAMETERS; i = sql.indexOf('?', i + 1)) count++
  return count
}

function asFresh(statement: Statement, connection: Connection): Statement {
  try {
    statement.raw(false)
  } catch {
    // Not a reader: raw mode does not apply.
  }
  statement.safeIntegers(safeIntegersByDefault.get(connection) ?? false)
  return statement
}

export function installStatementCache(): void {
  type Prototype = {
    prepare: (this: Connection, sql: string) => Statement
    close: (this: Connection) => void
    exec: (this: Connection, sql: string) => unknown
    defaultSafeIntegers: (this: Connection, toggle?: boolean) => Connection
  }
  const proto = Database.prototype as unknown as Prototype & Record<PropertyKey, unknown>
  if (proto[INSTALLED]) return
  proto[INSTALLED] = true
  const { prepare, close, defaultSafeIntegers, exec } = proto

  // The cache of a connection, emptied if a schema change ran since it was last used.
  const cacheOf = (connection: Connection): Cache => {
    let cache = caches.get(connection)
    if (!cache) caches.set(connection, (cache = { statements: new Map(), schemaChanged: false }))
    if (cache.schemaChanged) {
      cache.statements.clear()
      cache.schemaChanged = false
    }
    return cache
  }

  proto.defaultSafeIntegers = function (toggle) {
    safeIntegersByDefault.set(this, toggle ?? true)
    return defaultSafeIntegers.call(this, toggle)
  }
  proto.close = function () {
    caches.delete(this)
    return close.call(this)
  }
  proto.exec = function (sql) {
    const result = exec.call(this, sql)
    if (changesSchema(sql)) caches.get(this)?.statements.clear()
    return result
  }
  proto.prepare = function (sql) {
    if (!this.open || parameterCount(sql) > MAX_CACHED_PARAMETERS) return prepare.call(this, sql)
    const cache = cacheOf(this)
    if (changesSchema(sql)) {
      cache.schemaChanged = true
      return prepare.call(this, sql)
    }
    const { statements } = cache
    const cached = statements.get(sql)
    if (cached) {
      // Most recently used last: the first key is the one to drop.
      statements.delete(sql)
      statements.set(sql, cached)
      statementCacheStats.hits++
      return asFresh(cached, this)
    }
    const statement = prepare.call(this, sql)
    statementCacheStats.misses++
    statements.set(sql, statement)
    if (statements.size > STATEMENTS_PER_CONNECTION) statements.delete(statements.keys().next().value as string)
    return statement
  }
}
