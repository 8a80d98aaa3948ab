// The reports you made and where they stand, fetched when the list opens.
import { useEffect, useState } from 'react'

import { errorMessage } from '../../../lib/api-client'
import { fetchMyReports, type OwnReport } from '../api/moderation-api'

export function useMyReports() {
  const [state, setState] = useState<{ reports: OwnReport[] | null; error: string | null }>({ reports: null, error: null })
  useEffect(() => {
    let current = true
    fetchMyReports().then(
      (reports) => current && setState({ reports, error: null }),
      (error) => current && setState({ reports: [], error: errorMessage(error) }),
    )
    return () => {
      current = false
    }
  }, [])
  return state
}
