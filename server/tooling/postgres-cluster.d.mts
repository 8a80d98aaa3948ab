// Types of postgres-cluster.mjs (plain JS so that the benchmark runs it without a build).

// The newest installed PostgreSQL server's bin folder, or null when none is installed.
export declare function postgresBin(): string | null

export interface Cluster {
  // A URL of the server (its `postgres` database); createDatabase makes others.
  url: string
  // Stops the server and deletes its folder (once; later calls do nothing).
  stop(): void
}

export interface ClusterOptions {
  // PostgreSQL's own durability (fsync, synchronous commit) instead of the tests' fast settings.
  durable?: boolean
  maxConnections?: number
}

export declare function startCluster(options?: ClusterOptions): Promise<Cluster>

// A fresh, empty database on the server at `serverUrl`; returns its URL.
export declare function createDatabase(serverUrl: string, prefix?: string): Promise<string>
