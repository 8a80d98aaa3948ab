// Tests of the production build (server.mjs over `next build`): `pnpm test:e2e`, after
// `pnpm build`. The same settings as vitest.config.ts, over test/prod only.
import { defineConfig } from 'vitest/config'

import base from './vitest.config'

export default defineConfig({
  ...base,
  test: { ...base.test, include: ['test/prod/**/*.test.ts'], exclude: ['**/node_modules/**'], testTimeout: 180_000 },
})
