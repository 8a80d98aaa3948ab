// The error banner: the last failure worth telling the person about, until dismissed. A failure
// to reach the server clears itself once the server is reachable again.
import { useCallback, useState } from 'react'

import { ApiError, errorMessage } from '../../../lib/api-client'
import { sessionEnded, suspension } from '../../../session/session-api'

export function useErrorBanner(onLoggedOut: () => void) {
  // `network`: the server could not be reached.
  const [error, setError] = useState<{ message: string; network: boolean } | null>(null)

  const show = useCallback(
    (err: unknown) => setError({ message: errorMessage(err), network: err instanceof ApiError && err.status === 0 }),
    [],
  )
  // A refused request logs out only when the server confirms that nobody is logged in; else the
  // person sees why it was refused and stays in the chat. A suspension ends the session too.
  const report = useCallback(
    (err: unknown) => {
      if (!(err instanceof ApiError && err.status === 401) && !suspension(err)) return show(err)
      sessionEnded().then(
        (ended) => (ended ? onLoggedOut() : show(new Error(`${errorMessage(err)} (refused by the server although you are logged in)`))),
        show,
      )
    },
    [onLoggedOut, show],
  )
  const networkRestored = useCallback(() => setError((current) => (current?.network ? null : current)), [])
  const dismiss = useCallback(() => setError(null), [])

  return { message: error?.message ?? null, report, networkRestored, dismiss }
}
