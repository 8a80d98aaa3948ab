// Desktop notifications: the permission (asked only from the "Enable notifications" button), and
// showing one. Whether a message notifies is model/notify.ts's decision; only the leader tab asks.
import { useCallback, useEffect, useState } from 'react'

import { notificationFor } from '../model/notify'
import type { Message } from '../model/types'

export type NotificationPermissionState = NotificationPermission | 'unsupported'

const supported = () => typeof window !== 'undefined' && typeof window.Notification === 'function'
const current = (): NotificationPermissionState => (supported() ? Notification.permission : 'unsupported')

export function useNotifications() {
  const [permission, setPermission] = useState<NotificationPermissionState>(current)

  // Enabled in another tab, or changed in the browser's settings: every tab follows (the button
  // goes, the leader notifies) without a reload.
  useEffect(() => {
    if (!supported() || typeof navigator.permissions?.query !== 'function') return
    let status: PermissionStatus | null = null
    let gone = false
    const follow = () => setPermission(current())
    navigator.permissions
      .query({ name: 'notifications' })
      .then((answer) => {
        if (gone) return
        status = answer
        status.addEventListener('change', follow)
        follow()
      })
      .catch(() => {}) // not queryable here: the decision still reads the permission live
    return () => {
      gone = true
      status?.removeEventListener('change', follow)
    }
  }, [])

  // Read when deciding, not from state: it may have changed since the last render.
  const granted = useCallback(() => current() === 'granted', [])

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

  return { permission, granted, enable, show }
}
