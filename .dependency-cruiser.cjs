// The structure `pnpm check:structure` keeps (part of `pnpm test`): no import cycle, features that
// do not reach into each other, and a realtime core that knows nothing of HTTP, of the process's
// lifecycle or of SQL. dependency-cruiser 17: version 18 needs Node 22, this project runs on 20.
// Type-only imports count (tsPreCompilationDeps).

// The storage seam's interfaces: the files of db/ that realtime/ may name (the change feed's and
// the shared presence's types, the audience key, row shapes; no SQL lives there).
const DB_INTERFACE = '^server/src/db/(change-feed|presence-store)\\.ts$'
// SQL and its drivers, wherever pnpm puts them (node_modules/.pnpm/<x>/node_modules/<name>/), or
// by bare name when the package does not resolve from there.
const SQL_PACKAGES = '(^|node_modules/)(@libsql/|libsql(/|$)|drizzle-orm(/|$)|@payloadcms/db-|@payloadcms/drizzle(/|$))'
// One database's code: its raw client and its implementations of the storage interfaces.
const DB_IMPLEMENTATIONS = '^server/src/db/(client\\.ts$|sqlite/|postgres/)'

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      comment: 'An import cycle: modules that need each other to load cannot be read, tested or replaced one at a time.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-cross-feature',
      comment: 'A client feature imports another feature: share through client/src/lib (or a shared module), not sideways.',
      severity: 'error',
      from: { path: '^client/src/features/([^/]+)/' },
      to: { path: '^client/src/features/', pathNot: '^client/src/features/$1/' },
    },
    {
      name: 'realtime-not-http-or-lifecycle',
      comment: 'realtime/ is the core the transports call into: HTTP and shutdown state are passed in, not imported.',
      severity: 'error',
      from: { path: '^server/src/realtime/' },
      to: { path: '^server/src/(http|lifecycle)/' },
    },
    {
      name: 'realtime-no-sql',
      comment: 'realtime/ talks to storage through the db/ interface only; SQL and drivers stay behind it.',
      severity: 'error',
      from: { path: '^server/src/realtime/' },
      to: { path: SQL_PACKAGES },
    },
    {
      name: 'database-behind-db',
      comment:
        'Only db/ (and the migrations, written per adapter) knows which database runs: the rest runs SQL through db/sql.ts and takes storage from db/index.ts, never an adapter, a driver or a dialect\'s implementation.',
      severity: 'error',
      from: { path: '^server/src/', pathNot: '^server/src/(db|migrations[^/]*)/' },
      to: { path: [DB_IMPLEMENTATIONS, SQL_PACKAGES] },
    },
    {
      name: 'realtime-db-interface-only',
      comment: 'realtime/ may use the storage interface (types and the audience key, no SQL), nothing else in db/.',
      severity: 'error',
      from: { path: '^server/src/realtime/' },
      to: { path: '^server/src/db/', pathNot: DB_INTERFACE },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(server|client)/(node_modules|\\.next|\\.stryker-tmp|reports|public|dist)/' },
    tsPreCompilationDeps: true,
    // The server's (it has the @payload-config alias); the client has no aliases to resolve.
    tsConfig: { fileName: require('node:path').join(__dirname, 'server', 'tsconfig.json') },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs', '.cjs', '.d.ts'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
}
