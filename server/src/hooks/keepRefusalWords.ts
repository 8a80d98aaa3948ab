import type { AfterErrorHook } from 'payload'

// What Payload answers for an error it cannot describe.
const UNKNOWN = 'An unknown error occurred.'

// A refusal (4xx) keeps its own words in the production build too. Next's production bundle
// renames classes, and Payload's formatErrors describes an error by its class name unless it
// carries `data`: every APIError our hooks throw without data (a wrong current password, a file
// type not accepted…) reached clients as "An unknown error occurred." while the tests, which run
// unbundled, saw the real words. 5xx answers stay as Payload makes them (their details may be
// anything, and are hidden).
export const keepRefusalWords: AfterErrorHook = ({ error, result }) => {
  const status = (error as { status?: unknown }).status
  if (typeof status !== 'number' || status < 400 || status >= 500) return
  if (!error.message || result?.errors?.[0]?.message !== UNKNOWN) return
  return { response: { ...result, errors: [{ message: error.message }] } }
}
