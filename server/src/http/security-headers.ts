// Headers on every /api answer (the pages' own, with their Content-Security-Policy, are in
// next.config.mjs). An API answer is never framed or run as a page, and it depends on the
// request's Origin (the CORS headers, and whether the session cookie counts), so a shared cache
// must keep one copy per Origin.
const API_HEADERS: Record<string, string> = {
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
}

export function addApiSecurityHeaders(headers: Headers): Headers {
  for (const [name, value] of Object.entries(API_HEADERS)) headers.set(name, value)
  const vary = headers.get('vary')
  if (!vary) headers.set('Vary', 'Origin')
  else if (!vary.split(',').some((name) => ['origin', '*'].includes(name.trim().toLowerCase()))) headers.set('Vary', `${vary}, Origin`)
  return headers
}

// A copy of `response` with those headers (a Response's own headers may be immutable).
export function withApiSecurityHeaders(response: Response): Response {
  const headers = addApiSecurityHeaders(new Headers(response.headers))
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers })
}
