// The tab title and icon show the unread total while the chat is shown, and go back to the plain
// ones when it is not (logged out).
import { useEffect } from 'react'

import { faviconFor, PLAIN_FAVICON } from '../model/unread-badge'

export const TITLE = 'Payload Chat'

export const titleFor = (unread: number): string => (unread > 0 ? `(${unread}) ${TITLE}` : TITLE)

// The page's SVG icon link (index.html has one), which the badge replaces.
function setIcon(href: string) {
  let link = document.querySelector<HTMLLinkElement>('link[rel="icon"][type="image/svg+xml"]')
  if (!link) {
    link = document.createElement('link')
    link.rel = 'icon'
    link.type = 'image/svg+xml'
    document.head.appendChild(link)
  }
  if (link.getAttribute('href') !== href) link.setAttribute('href', href)
}

export function useUnreadTitle(unread: number) {
  useEffect(() => {
    document.title = titleFor(unread)
    setIcon(faviconFor(unread))
    return () => {
      document.title = TITLE
      setIcon(PLAIN_FAVICON)
    }
  }, [unread])
}
