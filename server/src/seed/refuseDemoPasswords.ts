import type { Payload } from 'payload'

import { passwordMatches } from '../auth/password-hash'
import { DEMO_USERS } from './demoUsers'

// The demo accounts' passwords are in the README: an account that still has one is anyone's.
// Production refuses to start while one exists (a development database served by `pnpm start`,
// or SEED_DEMO_USERS=true) unless UNSAFE_ALLOW_DEMO_PASSWORDS=true says to go on regardless.
export async function accountsWithDemoPasswords(payload: Payload): Promise<string[]> {
  const exposed: string[] = []
  for (const demo of DEMO_USERS) {
    const user = await payload.db.findOne<{ id: number; hash?: string; salt?: string }>({
      collection: 'users',
      where: { email: { equals: demo.email } },
    })
    if (user && (await passwordMatches(user, demo.password))) exposed.push(demo.email)
  }
  return exposed
}

export async function refuseDemoPasswords(payload: Payload, { allow }: { allow: boolean }): Promise<void> {
  const exposed = await accountsWithDemoPasswords(payload)
  if (exposed.length === 0) return
  const accounts = exposed.join(', ')
  const still = exposed.length === 1 ? 'still has the demo password' : 'still have the demo passwords'
  if (allow) {
    payload.logger.warn(`UNSAFE_ALLOW_DEMO_PASSWORDS=true: ${accounts} ${still} published in the README; anyone can log in as them.`)
    return
  }
  const message =
    `Refusing to start in production: ${accounts} ${still} published in the README. ` +
    'Point DATABASE_URI at the production database (development uses data/chat-dev.db), or change those ' +
    'passwords or delete those users (in /admin of `pnpm dev` on this database), then start again. ' +
    'UNSAFE_ALLOW_DEMO_PASSWORDS=true starts anyway, with those accounts open to anyone.'
  payload.logger.fatal(message)
  throw new Error(message)
}
