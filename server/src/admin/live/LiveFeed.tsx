'use client'
// The live view's stream: EventSource on the admin scope (`?scope=all`, with the admin's session
// cookie; it resumes by itself with Last-Event-ID), folded into the list by ./live-model.ts. The
// view starts empty and shows what is written, edited and removed while it is open. Filters apply
// to what is shown (client-side). report.changed marks the reported messages and refreshes the
// open-report count (a removal that resolves reports sends report.changed too; other removals
// leave the count alone).
import { useConfig } from '@payloadcms/ui'
import React, { useEffect, useMemo, useReducer, useState } from 'react'

import { ADMIN_SCOPE } from '../../protocol'
import {
  applyLiveEvent,
  applyReportChange,
  choicesOf,
  LIVE_EVENTS,
  type LiveEvent,
  type LiveFilter,
  type LiveItem,
  matchesFilter,
  type OpenReports,
} from './live-model'
import styles from './live.module.css'
import { LiveMessage } from './LiveMessage'
import { OpenReportsCount } from './OpenReportsCount'

type Connection = 'connecting' | 'live' | 'closed'

const CONNECTION_TEXT: Record<Connection, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  closed: 'Disconnected: reload the page to try again.',
}

export function LiveFeed() {
  const { config } = useConfig()
  const [items, setItems] = useState<LiveItem[]>([])
  const [connection, setConnection] = useState<Connection>('connecting')
  const [reportsVersion, reportsChanged] = useReducer((n: number) => n + 1, 0)
  const [filter, setFilter] = useState<LiveFilter>({ person: null, room: null })
  const [reported, setReported] = useState<OpenReports>(new Map())

  useEffect(() => {
    const source = new EventSource(`${config.routes.api}/messages/sse?scope=${ADMIN_SCOPE}`)
    source.addEventListener('ready', () => {
      setConnection('live')
      reportsChanged()
    })
    for (const type of LIVE_EVENTS) {
      source.addEventListener(type, (event) => {
        setItems((shown) => applyLiveEvent(shown, { type, data: JSON.parse(event.data) } as LiveEvent))
      })
    }
    source.addEventListener('report.changed', (event) => {
      setReported((open) => applyReportChange(open, JSON.parse(event.data)))
      reportsChanged()
    })
    // EventSource retries by itself; CLOSED means it gave up (e.g. the session ended: 401/403).
    source.onerror = () => setConnection(source.readyState === EventSource.CLOSED ? 'closed' : 'connecting')
    return () => source.close()
  }, [config.routes.api])

  const { people, rooms } = useMemo(() => choicesOf(items), [items])
  const shown = items.filter((item) => matchesFilter(item, filter))

  return (
    <div className={styles.live}>
      <div className={styles.toolbar}>
        <span className={styles.connection} data-connection={connection} role="status">
          {CONNECTION_TEXT[connection]}
        </span>
        <OpenReportsCount version={reportsVersion} />
        <label>
          Person{' '}
          <select
            value={filter.person ?? ''}
            onChange={(e) => setFilter({ ...filter, person: e.target.value ? Number(e.target.value) : null })}
          >
            <option value="">Everyone</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Conversation{' '}
          <select
            value={filter.room ?? ''}
            onChange={(e) => {
              const value = e.target.value
              setFilter({ ...filter, room: value === '' ? null : value === 'dm' ? 'dm' : Number(value) })
            }}
          >
            <option value="">All</option>
            <option value="dm">Direct messages</option>
            {rooms.map((r) => (
              <option key={r.id} value={r.id}>
                #{r.name}
              </option>
            ))}
          </select>
        </label>
        <span className={styles.count}>
          {shown.length} of {items.length} shown
        </span>
      </div>
      {items.length === 0 ? (
        <p className={styles.empty}>Messages written anywhere on the server appear here as they are sent.</p>
      ) : (
        <ol className={styles.list} aria-label="Messages, newest first">
          {shown.map((item) => (
            <LiveMessage key={item.message.id} item={item} openReports={reported.get(item.message.id)?.size ?? 0} />
          ))}
        </ol>
      )}
    </div>
  )
}
