'use client'
// The live view's entry in the admin navigation (admin.components.afterNavLinks), styled as
// Payload's own links.
import { Link, NavGroup, useConfig } from '@payloadcms/ui'
import { usePathname } from 'next/navigation'
import React from 'react'

export function LiveNavLink() {
  const { config } = useConfig()
  const href = `${config.routes.admin}/live`
  const active = usePathname() === href
  return (
    <NavGroup label="Watch">
      <Link className="nav__link" href={href} id="nav-live" aria-current={active ? 'page' : undefined} prefetch={false}>
        {active && <div className="nav__link-indicator" />}
        <span className="nav__link-label">Live view</span>
      </Link>
    </NavGroup>
  )
}
