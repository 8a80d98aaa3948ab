// Makes the run commands work on a fresh clone: creates .env from .env.example with a random
// PAYLOAD_SECRET when no .env exists yet. An existing .env is never touched.
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const target = join(root, '.env')

if (!existsSync(target)) {
  const example = readFileSync(join(root, '.env.example'), 'utf8')
  const secret = randomBytes(32).toString('hex')
  writeFileSync(target, example.replace(/^PAYLOAD_SECRET=.*$/m, `PAYLOAD_SECRET=${secret}`), {
    mode: 0o600,
  })
  console.log('Created .env from .env.example with a random PAYLOAD_SECRET.')
}
