// Types of launch-server.mjs (plain JS so that the benchmark runs it without a build).
import type { ChildProcess } from 'node:child_process'

export declare const serverDir: string

// A port nothing listens on right now, on `host` (default 127.0.0.1).
export declare function freePort(host?: string): Promise<number>

// The variables the server package's start script sets before `node server.mjs`.
export declare function startScriptEnv(): Record<string, string>

// Throws, saying what to run, when `pnpm build` has not run (server and client).
export declare function assertProductionBuild(): void

// Deletes a SQLite file and its -wal and -shm companions.
export declare function removeDatabase(file: string): void

// Variables over the launching process's own; `undefined` removes one.
export type LaunchEnv = Record<string, string | undefined>

export interface LaunchOptions {
  env?: LaunchEnv
  // Before the entry's arguments, e.g. ['--cpu-prof'].
  nodeArgs?: string[]
  // Raise the soft limit of open files to the hard one (thousands of streams).
  raiseOpenFileLimit?: boolean
  // Only stops a hang: the launch waits for the ready line, not for a time.
  startTimeoutMs?: number
}

export interface ProcessOptions extends LaunchOptions {
  // Node arguments of the entry, run in the server package's folder.
  args: string[]
  // Matched against stdout; the server is up once it matches.
  ready: RegExp
  // The server's address from the match (default: its first group).
  url?: (match: RegExpMatchArray) => string
  // Runs once the process is stopped by stop(), or failed to start.
  onStop?: () => void
}

export interface LaunchedServer {
  url: string
  pid: number | undefined
  child: ChildProcess
  // Resolves with the exit code (null when ended by a signal).
  exited: Promise<number | null>
  // stdout and stderr so far, interleaved as they arrived.
  output(): string
  // Sends the signal (default SIGTERM) and waits for the exit.
  kill(signal?: NodeJS.Signals): Promise<number | null>
  // SIGTERM, SIGKILL if it has not exited 10 s later, then cleans up (a fresh database is deleted).
  stop(): Promise<void>
}

export declare function launchProcess(options: ProcessOptions): Promise<LaunchedServer>

export interface ProductionOptions extends LaunchOptions {
  // The name clients use in the URL (default 127.0.0.1). An IP address is also what the server
  // listens on; a name (localhost) is listened on as 127.0.0.1.
  host?: string
  // Default: a free one.
  port?: number
  // Default: a fresh file in the OS temp folder, deleted by stop(). A given file is kept.
  databaseFile?: string
}

export interface ProductionServer extends LaunchedServer {
  port: number
  databaseFile: string
}

// server.mjs over the `next build` output, with the start script's environment, PORT, HOSTNAME,
// DATABASE_URI and then `env`; resolves once it prints that it is ready (Payload booted).
export declare function launchProductionServer(options?: ProductionOptions): Promise<ProductionServer>
