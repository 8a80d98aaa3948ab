import { withPayload } from '@payloadcms/next/withPayload'

const csp = (directives) => Object.entries(directives).map(([name, value]) => `${name} ${value}`).join('; ')

// The chat client (Vite's build: scripts and styles in files, no inline code) loads only from its
// own origin and talks only to it (REST and the stream).
const CHAT_CSP = csp({
  'default-src': "'self'",
  'script-src': "'self'",
  'style-src': "'self'",
  'img-src': "'self' data:",
  'connect-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'self'",
  'frame-ancestors': "'none'",
})
// Payload's admin panel is a Next app: Next's inline bootstrap scripts and React's inline styles
// need 'unsafe-inline' (a nonce would need every admin page rendered through a proxy).
const ADMIN_CSP = csp({
  'default-src': "'self'",
  'script-src': "'self' 'unsafe-inline'",
  'style-src': "'self' 'unsafe-inline'",
  'img-src': "'self' data: blob:",
  'font-src': "'self' data:",
  'connect-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'self'",
  'form-action': "'self'",
  'frame-ancestors': "'none'",
})
// Never framed (clickjacking), never sniffed. /api sets its own (src/http/security-headers.ts),
// also where server.mjs answers it without Next.
const PAGE_HEADERS = [
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'same-origin' },
]

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The stream must reach clients as written: no compression of text/event-stream.
  compress: false,
  // The chat client is built by Vite into public/ (see client/vite.config.ts): serve it at `/`.
  async rewrites() {
    return [{ source: '/', destination: '/index.html' }]
  },
  async headers() {
    return [
      { source: '/:path((?!api(?:/|$)).*)', headers: PAGE_HEADERS },
      { source: '/', headers: [{ key: 'Content-Security-Policy', value: CHAT_CSP }] },
      { source: '/index.html', headers: [{ key: 'Content-Security-Policy', value: CHAT_CSP }] },
      { source: '/admin/:path*', headers: [{ key: 'Content-Security-Policy', value: ADMIN_CSP }] },
    ]
  },
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
