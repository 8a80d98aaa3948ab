'use client'
// One message of the live view: its conversation, sender, time, text and marks (edited, removed),
// and the moderator's actions on it: remove (after a confirmation), suspend the author, open its
// reports.
import { Button, Pill, toast, useConfig } from '@payloadcms/ui'
import React, { useEffect, useRef, useState } from 'react'

import { adminFetch } from './admin-fetch'
import { conversationOf, type LiveItem } from './live-model'
import { OPEN_REPORTS_QUERY } from './OpenReportsCount'
import styles from './live.module.css'
import { type Suspension, SuspendForm } from './SuspendForm'

type Open = 'none' | 'confirm-remove' | 'suspend'

export function LiveMessage({ item, openReports }: { item: LiveItem; openReports: number }) {
  const { config } = useConfig()
  const { message, removedBy } = item
  const [open, setOpen] = useState<Open>('none')
  const author = message.sender.name
  // Keyboard focus follows the inline actions, which replace the button that opened them: Keep
  // when the confirmation opens, back to the opener (Remove, or Suspend author) when it closes, so
  // focus never falls to the page's start. The suspend form focuses its own first field.
  const actions = useRef<HTMLDivElement>(null)
  const opener = useRef<Exclude<Open, 'none'> | null>(null)
  useEffect(() => {
    const buttons = [...(actions.current?.querySelectorAll('button') ?? [])]
    const named = (text: string) => buttons.find((button) => button.textContent?.trim() === text)
    if (open === 'confirm-remove') named('Keep')?.focus()
    else if (open === 'none' && opener.current) (named(opener.current === 'suspend' ? 'Suspend author' : 'Remove') ?? buttons[0])?.focus()
    opener.current = open === 'none' ? null : open
  }, [open])
  const at = new Date(message.createdAt)

  // A reported message is removed through one of its open reports, which resolves them all (and
  // the queue empties with it); any other with a moderator's DELETE.
  const remove = async () => {
    try {
      const { api } = config.routes
      const reports = await adminFetch<{ docs: Array<{ id: number }> }>(
        `${api}/reports?where[reportedMessageId][equals]=${message.id}&${OPEN_REPORTS_QUERY}&limit=1&depth=0`,
      )
      const report = reports.docs[0]
      if (report) await adminFetch(`${api}/reports/${report.id}/resolve`, { method: 'POST', body: { action: 'remove' } })
      else await adminFetch(`${api}/messages/${message.id}`, { method: 'DELETE' })
      setOpen('none')
    } catch (error) {
      toast.error((error as Error).message)
    }
  }
  const suspend = async ({ reason, until }: Suspension) => {
    try {
      await adminFetch(`${config.routes.api}/users/${message.sender.id}`, {
        method: 'PATCH',
        body: { suspended: true, suspendedReason: reason, suspendedUntil: until },
      })
      toast.success(`${author} is suspended.`)
      setOpen('none')
    } catch (error) {
      toast.error((error as Error).message)
    }
  }

  return (
    <li className={styles.item} data-removed={removedBy ?? undefined}>
      <div className={styles.meta}>
        <span className={styles.conversation}>{conversationOf(message)}</span>
        <strong>{author}</strong>
        <time dateTime={message.createdAt}>{at.toLocaleString()}</time>
        {message.editedAt && <Pill size="small">{message.editedByModerator ? 'Edited by a moderator' : 'Edited'}</Pill>}
        {openReports > 0 && (
          <Pill size="small" pillStyle="warning">
            {openReports === 1 ? 'Reported' : `Reported ${openReports} times`}
          </Pill>
        )}
        {removedBy && (
          <Pill size="small" pillStyle="error">
            {removedBy === 'moderator' ? 'Removed by a moderator' : 'Removed by its sender'}
          </Pill>
        )}
      </div>
      <p className={styles.content}>{message.content}</p>
      {message.reactions.length > 0 && (
        <p className={styles.reactions} aria-label="Reactions">
          {message.reactions.map(({ emoji, users }) => `${emoji} ${users.length}`).join('  ')}
        </p>
      )}
      <div className={styles.actions} ref={actions}>
        {!removedBy && open !== 'confirm-remove' && (
          <Button buttonStyle="secondary" size="small" onClick={() => setOpen('confirm-remove')} aria-label={`Remove ${author}'s message`}>
            Remove
          </Button>
        )}
        {!removedBy && open === 'confirm-remove' && (
          <span role="group" aria-label="Confirm the removal" className={styles.confirm}>
            <span>Remove this message for everyone?</span>
            <Button buttonStyle="error" size="small" onClick={() => void remove()}>
              Yes, remove
            </Button>
            <Button buttonStyle="secondary" size="small" onClick={() => setOpen('none')}>
              Keep
            </Button>
          </span>
        )}
        <Button buttonStyle="secondary" size="small" onClick={() => setOpen(open === 'suspend' ? 'none' : 'suspend')} aria-label={`Suspend author ${author}`}>
          Suspend author
        </Button>
        <Button
          buttonStyle="subtle"
          size="small"
          el="link"
          to={`${config.routes.admin}/collections/reports?where[reportedMessageId][equals]=${message.id}`}
          aria-label={`Reports of ${author}'s message`}
        >
          Reports
        </Button>
      </div>
      {open === 'suspend' && <SuspendForm who={author} onSubmit={suspend} onCancel={() => setOpen('none')} />}
    </li>
  )
}
