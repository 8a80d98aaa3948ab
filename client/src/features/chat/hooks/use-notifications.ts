// Desktop notifications: the permission (asked only from the "Enable notifications" button), and
// showing one. Whether a message notifies is model/notify.ts's decision; only the leader tab asks.
import { useCallback, useState } from 'react'

import { notificationFor } from '../model/notify'
import type { Message } from '../model/types'

export type NotificationPermissionState = NotificationPermission | 'unsupported'

const supported = () => typeof window !== 'undefined' && typeof window.Notification === 'function'

export function useNotifications() {
  const [permission, setPermission] = useState<NotificationPermissionState>(() => (supported() ? Notification.permission : 'unsupported'))

  const enable = useCallback(async () => {
    if (!supported()) return
    setPermission(await Notification.requestPermission())
  }, [])

  // Clicking it brings this window forward and opens the conversation.
  const show = useCallback((message: Message, onClick: () => void) => {
    if (!supported() || Notification.permission !== 'granted') return
    const { title, body, tag } = notificationFor(message)
    const notification = new Notification(title, { body, tag })
    notification.onclick = () => {
      window.focus()
      onClick()
      notification.close()
    }
  }, [])

  return { permission, enable, show }
}
