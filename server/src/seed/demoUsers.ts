import type { Payload } from 'payload'

// Demo accounts for a fresh development database; the README lists the same passwords.
export const DEMO_USERS = [
  { email: 'admin@example.com', password: 'admin-password', name: 'Ada Admin', role: 'admin' },
  { email: 'alice@example.com', password: 'alice-password', name: 'Alice', role: 'member' },
  { email: 'bob@example.com', password: 'bob-password', name: 'Bob', role: 'member' },
] as const

export async function seedDemoUsers(payload: Payload): Promise<void> {
  const { totalDocs } = await payload.count({ collection: 'users', overrideAccess: true })
  if (totalDocs > 0) return
  for (const user of DEMO_USERS) {
    await payload.create({ collection: 'users', data: { ...user }, overrideAccess: true })
  }
  payload.logger.info(
    ['Created demo users (empty database):', ...DEMO_USERS.map((u) => `  ${u.email} / ${u.password} (${u.role})`)].join('\n'),
  )
}
