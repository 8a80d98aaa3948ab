// Payload's password hashes, checked and imitated here because Payload exports neither its
// check nor its parameters. Mirrors payload/dist/auth/strategies/local/generatePasswordSaltHash.js
// (3.90): `pbkdf2-sha256-v1:<hex>` is PBKDF2-SHA256 with 600,000 iterations and 32 bytes; an
// unprefixed hash is the legacy 25,000 iterations and 512 bytes. The login tests compare the
// dummy's cost with Payload's own hash call, so an upgrade that changes them fails a test.
import crypto from 'node:crypto'

const CURRENT_PREFIX = 'pbkdf2-sha256-v1:'
const CURRENT = { iterations: 600_000, keyLength: 32 }
const LEGACY = { iterations: 25_000, keyLength: 512 }

function pbkdf2(password: string, salt: string, { iterations, keyLength }: typeof CURRENT): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    crypto.pbkdf2(password, salt, iterations, keyLength, 'sha256', (error, key) => (error ? reject(error) : resolve(key))),
  )
}

// Whether `password` is the one a stored user's hash and salt were made from.
export async function passwordMatches(stored: { hash?: unknown; salt?: unknown }, password: string): Promise<boolean> {
  const { hash, salt } = stored
  if (typeof hash !== 'string' || typeof salt !== 'string') return false
  const current = hash.startsWith(CURRENT_PREFIX)
  const expected = Buffer.from(current ? hash.slice(CURRENT_PREFIX.length) : hash, 'hex')
  const actual = await pbkdf2(password, salt, current ? CURRENT : LEGACY)
  return actual.length === expected.length && crypto.timingSafeEqual(actual, expected)
}

// The work of checking a password against a current hash, for a login whose email matches no
// account: its failure then takes as long as a wrong password for a real account.
export async function spendDummyHash(password: string): Promise<void> {
  await pbkdf2(password, crypto.randomBytes(32).toString('hex'), CURRENT)
}
