// A throwaway PostgreSQL cluster for the tests: real PostgreSQL (never PGlite), started by the shared
// module (tooling/postgres-cluster.mjs, which the benchmark uses too). One cluster per test run
// (./postgres-global-setup.ts starts it once and stops it at the end); one database per test file
// (createTestDatabase), like test-env.ts gives each file its own SQLite file.
// TEST_POSTGRES_URL (a server URL, e.g. postgres://postgres@127.0.0.1:5432/postgres) uses a running
// server instead of starting one.
import { createDatabase, postgresBin, startCluster as startSharedCluster, type Cluster } from '../../tooling/postgres-cluster.mjs'

export { postgresBin, type Cluster }

export const postgresAvailable = () => Boolean(process.env.TEST_POSTGRES_URL) || postgresBin() !== null

// fsync off: a test cluster is thrown away, and two cores are shared by many test runs.
export const startCluster = (): Promise<Cluster> => startSharedCluster({ durable: false })

export const createTestDatabase = (serverUrl: string, prefix = 'chat_test'): Promise<string> => createDatabase(serverUrl, prefix)
