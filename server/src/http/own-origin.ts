// The app's own origin is never a cross-site request. Payload's CSRF check accepts the session
// cookie only when the request's Origin is on its list (`csrf` in payload.config.ts: ALLOWED_ORIGINS
// and SERVER_URL), so an app served on any other address (`PORT=8080`, a host name, a LAN address)
// had its own POSTs refused and its users sent back to the login form. Here a request whose Origin
// is the very origin it was sent to is handed to Payload as what it is: a same-origin request.

// `http://localhost:3000/` → `http://localhost:3000`; null for what is not an absolute URL.
export function originOf(url: string): string | null {
  try {
    const { origin } = new URL(url)
    return origin === 'null' ? null : origin
  } catch {
    return null
  }
}

// The origin a browser on this page would send: the Host it addressed, with the scheme it used.
// Behind a TLS proxy the connection reaching us is plain http, and the proxy says the scheme in
// X-Forwarded-Proto. Trusting that header costs nothing here: a browser cannot set it on a
// cross-origin request without a CORS preflight (refused for origins not on the list), and the
// Origin must still name this very Host, which a foreign page's Origin never does.
export function requestOrigin(headers: Headers, connectionScheme: string): string | null {
  const host = headers.get('host')
  if (!host) return null
  const forwarded = headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase()
  const scheme = forwarded === 'http' || forwarded === 'https' ? forwarded : connectionScheme.replace(/:$/, '')
  return originOf(`${scheme}://${host}`)
}

// Headers for Payload's auth: a request from its own origin loses the Origin and says
// `Sec-Fetch-Site: same-origin`, which Payload's cookie check accepts (as it does for a browser's
// same-origin GET, which carries no Origin). Anything else is passed on unchanged.
export function withOwnOriginAsSameOrigin(headers: Headers, connectionScheme: string): Headers {
  const origin = headers.get('origin')
  if (!origin || originOf(origin) !== origin || origin !== requestOrigin(headers, connectionScheme)) return headers
  const same = new Headers(headers)
  same.delete('origin')
  same.set('sec-fetch-site', 'same-origin')
  return same
}
