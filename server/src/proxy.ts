// Next's request proxy, for the admin panel only: its server functions are POSTs to /admin with
// the page's Origin, authenticated by Payload's cookie check like /api. On the app's own origin
// (not on ALLOWED_ORIGINS: another port or host name) they are same-origin requests, as in
// src/http/own-origin.ts, which /api goes through.
import { NextResponse, type NextRequest } from 'next/server'

import { withOwnOriginAsSameOrigin } from './http/own-origin'

export function proxy(request: NextRequest): NextResponse {
  const headers = withOwnOriginAsSameOrigin(request.headers, request.nextUrl.protocol)
  return headers === request.headers ? NextResponse.next() : NextResponse.next({ request: { headers } })
}

export const config = { matcher: ['/admin', '/admin/:path*'] }
