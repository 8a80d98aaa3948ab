// Failed logins, in rate-limiter-flexible's documented login protection: a budget of failures
// per client address per day, and consecutive failures per (account, address), which a success
// clears. A guesser at one address therefore never locks the account's owner out at another
// (Payload's own per-account lockout is off, see collections/Users). Unknown emails are counted
// exactly like real ones, so the answers say nothing about which accounts exist.
// Every attempt takes its points before the password is checked (parallel guesses cannot slip
// through); a successful one gives them back.
import type { PayloadRequest } from 'payload'

import { clientAddress } from './client-address'
import { consumeOrReject, limiters } from './rate-limits'

interface LoginAttempt {
  address: string
  accountKey: string
}

// An admin's unlock (POST /api/users/unlock) starts an account's count afresh at every address:
// its keys carry a generation number, kept where the counts are (shared by every process).
const generationOf = async (account: string): Promise<number> => (await limiters().loginGenerations.get(account))?.consumedPoints ?? 0

// As Payload matches logins: case and surrounding spaces do not matter. Bounded key size.
export const normalizeEmail = (email: unknown): string => (typeof email === 'string' ? email.trim().toLowerCase().slice(0, 320) : '')

const attempts = new WeakMap<PayloadRequest, LoginAttempt>()

export async function takeLoginAttempt(req: PayloadRequest, email: unknown): Promise<void> {
  const { loginFailuresByAddress, loginFailuresByAccount } = limiters()
  const account = normalizeEmail(email)
  const address = clientAddress(req.headers)
  const accountKey = `${await generationOf(account)}:${account}|${address}`
  await consumeOrReject(req, loginFailuresByAddress, address, 'Too many failed logins from this address.')
  try {
    await consumeOrReject(req, loginFailuresByAccount, accountKey, 'Too many failed logins for this account from this address.')
  } catch (error) {
    // Refused before any password check: not a failure to count against the address.
    await loginFailuresByAddress.reward(address, 1)
    throw error
  }
  attempts.set(req, { address, accountKey })
}

// The password was right: the attempt was no failure, and the run of failures is over.
export async function forgiveLoginAttempt(req: PayloadRequest): Promise<void> {
  const attempt = attempts.get(req)
  if (!attempt) return
  attempts.delete(req)
  await limiters().loginFailuresByAddress.reward(attempt.address, 1)
  await limiters().loginFailuresByAccount.delete(attempt.accountKey)
}

export async function forgetAccountFailures(email: unknown): Promise<void> {
  await limiters().loginGenerations.penalty(normalizeEmail(email), 1)
}
