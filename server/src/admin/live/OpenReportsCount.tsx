'use client'
// The number of open reports, linking to the queue. Read over REST (the stream's report.changed
// says that it changed, not how many are open): again whenever `version` moves. `limit=1`: the API
// refuses `limit=0` (it would mean "all", src/http/query-bounds.ts); totalDocs is the count anyway.
import { Pill, useConfig } from '@payloadcms/ui'
import React, { useEffect, useState } from 'react'

import { adminFetch } from './admin-fetch'

export const OPEN_REPORTS_QUERY = 'where[status][equals]=open'

export function OpenReportsCount({ version }: { version: number }) {
  const { config } = useConfig()
  const [open, setOpen] = useState<number | null>(null)
  useEffect(() => {
    let current = true
    adminFetch<{ totalDocs: number }>(`${config.routes.api}/reports?${OPEN_REPORTS_QUERY}&limit=1&depth=0`)
      .then(({ totalDocs }) => current && setOpen(totalDocs))
      .catch(() => current && setOpen(null))
    return () => void (current = false)
  }, [config.routes.api, version])
  return (
    // Polite: a count that changes now and then, not every message.
    <Pill pillStyle={open ? 'warning' : 'light'} to={`${config.routes.admin}/collections/reports?${OPEN_REPORTS_QUERY}`}>
      <span aria-live="polite" data-testid="open-reports">
        {open === null ? 'Open reports' : `${open} open ${open === 1 ? 'report' : 'reports'}`}
      </span>
    </Pill>
  )
}
