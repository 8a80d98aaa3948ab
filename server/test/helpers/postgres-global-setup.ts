// vitest globalSetup: one throwaway PostgreSQL cluster for the whole run (./postgres.ts), its URL
// handed to every test file as `postgresUrl` (inject), stopped when the run ends. Started only when
// the run may use it: TEST_DATABASE=postgres, a whole-suite run, or a filter naming a pg-* file;
// a run of SQLite-only files does not pay for a cluster. TEST_POSTGRES_URL: a server already running.
import type { TestProject } from 'vitest/node'

import { postgresBin, startCluster } from './postgres'

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string | null
  }
}

function runMayUsePostgres(): boolean {
  if (process.env.TEST_DATABASE === 'postgres') return true
  // The command line's file filters (vitest run [filters…]); a folder or no filter runs pg-* files too.
  const filters = process.argv.slice(2).filter((arg) => !arg.startsWith('-') && arg !== 'run')
  return filters.length === 0 || filters.some((filter) => /(^|\/)pg-/.test(filter) || !filter.includes('.'))
}

export default async function setup(project: TestProject) {
  if (process.env.TEST_POSTGRES_URL) {
    project.provide('postgresUrl', process.env.TEST_POSTGRES_URL)
    return
  }
  if (!postgresBin() || !runMayUsePostgres()) {
    if (process.env.TEST_DATABASE === 'postgres') throw new Error('TEST_DATABASE=postgres but PostgreSQL is not installed and TEST_POSTGRES_URL is unset')
    project.provide('postgresUrl', null)
    return
  }
  const cluster = await startCluster()
  project.provide('postgresUrl', cluster.url)
  return () => cluster.stop()
}
