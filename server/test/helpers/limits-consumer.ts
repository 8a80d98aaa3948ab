// A separate process counting against the rate limits' side file, as another worker does.
// Usage: node --import tsx limits-consumer.ts <file: database url> <how many points>
import { sqliteRateLimiters } from '../../src/db/sqlite/rate-limit-store'

const [url, count] = process.argv.slice(2)
const limiter = sqliteRateLimiters(url!)({ keyPrefix: 'shared', points: 1_000_000, duration: 600 })
for (let i = 0; i < Number(count); i++) await limiter.consume('key')
