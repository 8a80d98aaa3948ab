// Runs a server in a child process on the test file's database, with the same environment as the
// test (test-env.ts set it), through the shared launcher (tooling/launch-server.mjs):
// - 'test': test/helpers/serve.ts, the test HTTP server (no build needed);
// - 'production': server.mjs, the production entry point, with the environment `pnpm start` sets
//   (read from package.json, so the test runs what the start script runs). Needs `pnpm build`.
import path from 'node:path'

import { launchProcess, launchProductionServer, type LaunchedServer } from '../../tooling/launch-server.mjs'
import { testDatabaseFile } from './test-env'

export { startScriptEnv } from '../../tooling/launch-server.mjs'

const serveScript = path.resolve(import.meta.dirname, 'serve.ts')

export type ServerEntry = 'test' | 'production'

export type ServerProcess = LaunchedServer

export async function spawnServer(
  extraEnv: Record<string, string> = {},
  { entry = 'test', startTimeoutMs = 60_000 }: { entry?: ServerEntry; startTimeoutMs?: number } = {},
): Promise<ServerProcess> {
  if (entry === 'production') return launchProductionServer({ databaseFile: testDatabaseFile, env: extraEnv, startTimeoutMs })
  return launchProcess({ args: ['--import', 'tsx', serveScript], env: extraEnv, ready: /\{"url":"([^"]+)"/, startTimeoutMs })
}
