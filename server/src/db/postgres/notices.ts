// The one channel every process LISTENs on (./cross-process.ts), and what each notice on it says:
// its payload is its kind, so the listener wakes only the follower that has something new to
// read. A feed batch's payload is its last position (./sequencer.ts), a revocation's
// `revocation`, a presence or typing write's `presence`. Processes of the version before routing
// sent exactly these payloads, so a rolling deploy routes theirs too; a payload of no known kind
// wakes every follower (a hint is never dropped).
import { COMMIT_KINDS, type CommitKind } from '../cross-process'

export const FEED_CHANNEL = 'chat_feed'

export const REVOCATION_NOTICE = 'revocation'
export const PRESENCE_NOTICE = 'presence'

export function kindsOfNotice(payload: string | undefined): readonly CommitKind[] {
  if (payload === REVOCATION_NOTICE) return ['revocation']
  if (payload === PRESENCE_NOTICE) return ['presence']
  if (payload !== undefined && /^\d+$/.test(payload)) return ['feed']
  return COMMIT_KINDS
}
