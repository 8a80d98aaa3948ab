// /admin/live: the moderators' live view (admin.components.views.live in payload.config.ts). A
// server component: Payload's default template (navigation, header, theme) around the client
// component that streams (./live/LiveFeed.tsx). Payload serves custom views to anyone (no login
// redirect), so the view checks itself, as Payload's own protected views do: a visitor goes to the
// admin login (and back here after it), a member to the panel's unauthorized page. The stream it
// opens refuses anyone but an admin besides.
import type { AdminViewServerProps } from 'payload'

import { redirect } from 'next/navigation'

import { DefaultTemplate } from '@payloadcms/next/templates'
import { Gutter } from '@payloadcms/ui'
import React from 'react'

import { userIsAdmin } from '../access/isAdmin'
import { LiveFeed } from './live/LiveFeed'

export function LiveView({ initPageResult, params, searchParams }: AdminViewServerProps) {
  const { req, permissions, visibleEntities, locale } = initPageResult
  const { routes, admin } = req.payload.config
  if (!req.user) redirect(`${routes.admin}${admin.routes.login}?redirect=${encodeURIComponent(`${routes.admin}/live`)}`)
  if (!userIsAdmin(req.user)) redirect(`${routes.admin}${admin.routes.unauthorized}`)
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
        <LiveFeed />
      </Gutter>
    </DefaultTemplate>
  )
}
