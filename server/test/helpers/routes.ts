import type { Payload } from 'payload'

// '<method> /api/…' for every endpoint of the running config (each collection's, Payload's
// built-in ones included, and the root's): a test over these covers routes added later.
export const everyRoute = ({ config }: Payload): string[] => [
  ...config.collections.flatMap((c) => (Array.isArray(c.endpoints) ? c.endpoints : []).map((e) => `${e.method} /api/${c.slug}${e.path === '/' ? '' : e.path}`)),
  ...(config.endpoints ?? []).map((e) => `${e.method} /api${e.path}`),
]
