// Payload's own console format (its pretty options), with two changes:
// - lines are written synchronously, as logged: asynchronous writes still in flight when the
//   process exits landed after later lines (SIGTERM logged "shutdown complete" before
//   "shutting down");
// - a client's mistake (4xx) is one info line per request instead of an ERROR with a stack
//   (client-errors.ts).
import type { Config } from 'payload'
import { build } from 'pino-pretty'

import { skipClientErrorTraces } from './client-errors'

export const loggerConfig: Config['logger'] = {
  options: { level: process.env.LOG_LEVEL || 'info', hooks: { logMethod: skipClientErrorTraces } },
  destination: build({ colorize: true, ignore: 'pid,hostname', translateTime: 'SYS:HH:MM:ss', destination: 1, sync: true }),
}
