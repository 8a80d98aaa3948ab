// The rate limits' SQLite side file under several processes at once (RATE_LIMIT_STORE=database):
// processes that open a fresh file together and count on one key all succeed, and no point is lost.
import { createClient } from '@libsql/client'
import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { expect, it } from 'vitest'

import { onPostgres, testDatabaseFile } from '../helpers/test-env'

const consumer = path.join(import.meta.dirname, '..', 'helpers', 'limits-consumer.ts')
const PROCESSES = 6
const EACH = 50

// SQLite's side file of limits; PostgreSQL keeps them in its database: cross-process-limits.int.
it.skipIf(onPostgres)('counts every point of several processes opening a fresh side file at once', async () => {
  const url = `file:${testDatabaseFile}-race`
  const runs = await Promise.allSettled(
    Array.from({ length: PROCESSES }, () => promisify(execFile)(process.execPath, ['--import', 'tsx', consumer, url, String(EACH)])),
  )
  expect(runs.filter((run) => run.status === 'rejected').map((run) => String((run as PromiseRejectedResult).reason))).toEqual([])
  const db = createClient({ url: `${url}-limits` })
  const { rows } = await db.execute(`SELECT points FROM rate_limits WHERE key = 'shared:key'`)
  db.close()
  expect(Number(rows[0]?.points)).toBe(PROCESSES * EACH)
}, 60_000)
