import path from 'node:path'
import { configDefaults, defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: { alias: { '@payload-config': path.resolve(import.meta.dirname, 'src/payload.config.ts') } },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // The production build's tests run in `pnpm test:e2e`, after `pnpm build` (vitest.prod.config.ts).
    exclude: [...configDefaults.exclude, 'test/prod/**'],
    setupFiles: ['test/helpers/test-env.ts'],
    // One throwaway PostgreSQL cluster per run, for the pg-* files and TEST_DATABASE=postgres.
    globalSetup: ['test/helpers/postgres-global-setup.ts'],
    // Each file boots its own Payload on its own SQLite file; one at a time on two cores.
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
