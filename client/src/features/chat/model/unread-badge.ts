// The tab's icon with the unread count on it: the app's icon (public/favicon.svg) and a red badge,
// as an SVG data URL. Pure.
const ICON =
  '<path fill="#2563eb" d="M6 3h20a4 4 0 0 1 4 4v13a4 4 0 0 1-4 4H14l-7 6v-6H6a4 4 0 0 1-4-4V7a4 4 0 0 1 4-4z"/>' +
  '<circle cx="10" cy="13.5" r="2.2" fill="#fff"/><circle cx="16" cy="13.5" r="2.2" fill="#fff"/><circle cx="22" cy="13.5" r="2.2" fill="#fff"/>'

export const PLAIN_FAVICON = '/favicon.svg'

// Over 99 shows "99+"; nothing unread is the plain icon.
export function badgeText(unread: number): string | null {
  if (unread <= 0) return null
  return unread > 99 ? '99+' : String(unread)
}

export function faviconFor(unread: number): string {
  const text = badgeText(unread)
  if (text === null) return PLAIN_FAVICON
  const size = text.length > 2 ? 11 : text.length > 1 ? 14 : 16
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">${ICON}` +
    `<circle cx="23" cy="9" r="9" fill="#dc2626" stroke="#fff" stroke-width="1.5"/>` +
    `<text x="23" y="9" dy=".36em" text-anchor="middle" font-family="Arial,sans-serif" font-weight="700" font-size="${size}" fill="#fff">${text}</text></svg>`
  return `data:image/svg+xml,${encodeURIComponent(svg)}`
}
