// Runs once when the Next server starts (next start, next dev, server.mjs): boots Payload, so the
// database is migrated before the first request, and registers the Node stream handler that
// server.mjs uses in production.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  const [{ getPayload }, { default: config }, { registerNodeStreamHandler }] = await Promise.all([
    import('payload'),
    import('./payload.config'),
    import('./realtime/node-handler'),
  ])
  registerNodeStreamHandler(await getPayload({ config }))
}
