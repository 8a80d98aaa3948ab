// The databases a bench runs on (`--database sqlite,postgres`): each run gets a fresh, empty one
// and the server migrates it on start, as `pnpm start` does. SQLite: a new file per run (the
// launcher's). PostgreSQL: a throwaway cluster of the bench's own (tooling/postgres-cluster.mjs,
// with PostgreSQL's durable defaults: fsync on), or `--database-url` for a running server, and a
// new database on it per run. The cluster is stopped and deleted when the bench exits, however
// it exits (the end, a failure, Ctrl-C).
import { createDatabase, startCluster } from '../../tooling/postgres-cluster.mjs'

export const DATABASES = ['sqlite', 'postgres']

export function parseDatabases(flag) {
  const names = [...new Set(flag.split(',').map((name) => name.trim()).filter(Boolean))]
  const unknown = names.filter((name) => !DATABASES.includes(name))
  if (unknown.length || names.length === 0) throw new Error(`--database takes ${DATABASES.join(', ')} (comma-separated), not "${flag}"`)
  return names
}

let cluster
const stopCluster = () => {
  cluster?.stop()
  cluster = undefined
}
process.on('exit', stopCluster)
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => process.exit(130))

// Where PostgreSQL runs for this bench: the given server, or a cluster started once.
async function postgresServer(url) {
  if (url) return url
  if (!cluster) {
    console.log('starting a throwaway PostgreSQL cluster (fsync on) for the bench…')
    cluster = await startCluster({ durable: true, maxConnections: 300 })
  }
  return cluster.url
}

// DATABASE_URI for a fresh database of this kind; undefined for SQLite (the launcher makes a file).
export async function freshDatabaseUri(database, { url } = {}) {
  if (database === 'sqlite') return undefined
  return createDatabase(await postgresServer(url), 'chat_bench')
}

export const isPostgres = (uri) => /^postgres(ql)?:\/\//.test(uri ?? '')
