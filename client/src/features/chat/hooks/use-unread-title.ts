// The tab title shows the unread total while the chat is shown, and goes back to the plain title
// when it is not (logged out).
import { useEffect } from 'react'

export const TITLE = 'Payload Chat'

export const titleFor = (unread: number): string => (unread > 0 ? `(${unread}) ${TITLE}` : TITLE)

export function useUnreadTitle(unread: number) {
  useEffect(() => {
    document.title = titleFor(unread)
    return () => {
      document.title = TITLE
    }
  }, [unread])
}
