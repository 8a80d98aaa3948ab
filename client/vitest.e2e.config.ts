import { defineConfig } from 'vitest/config'

// Browser end-to-end tests: they start the built production server themselves (run `pnpm build`
// at the root first) and drive the system Chromium with playwright-core.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['e2e/**/*.e2e.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    sequence: { concurrent: false },
  },
})
