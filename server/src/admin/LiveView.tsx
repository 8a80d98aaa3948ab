// /admin/live: the moderators' live view (admin.components.views.live in payload.config.ts). A
// server component: Payload's default template (navigation, header, theme) around the client
// component that streams (./live/LiveFeed.tsx). Members never reach it: only admins may use the
// panel, and the stream it opens refuses anyone else.
import type { AdminViewServerProps } from 'payload'

import { DefaultTemplate } from '@payloadcms/next/templates'
import { Gutter } from '@payloadcms/ui'
import React from 'react'

import { userIsAdmin } from '../access/isAdmin'
import { LiveFeed } from './live/LiveFeed'

export function LiveView({ initPageResult, params, searchParams }: AdminViewServerProps) {
  const { req, permissions, visibleEntities, locale } = initPageResult
  return (
    <DefaultTemplate
      i18n={req.i18n}
      locale={locale}
      params={params}
      payload={req.payload}
      permissions={permissions}
      searchParams={searchParams}
      user={req.user ?? undefined}
      visibleEntities={visibleEntities}
    >
      <Gutter>
        <h1>Live</h1>
        {userIsAdmin(req.user) ? <LiveFeed /> : <p>Only moderators can watch the whole server.</p>}
      </Gutter>
    </DefaultTemplate>
  )
}
