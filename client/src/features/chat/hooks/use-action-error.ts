// A button's action that may be refused: the refusal's message to show next to it, until the next try.
import { useCallback, useState } from 'react'

import { errorMessage } from '../../../lib/api-client'

export function useActionError() {
  const [error, setError] = useState<string | null>(null)
  const attempt = useCallback(async (action: () => Promise<void>) => {
    setError(null)
    try {
      await action()
    } catch (err) {
      setError(errorMessage(err))
    }
  }, [])
  return { error, attempt }
}
