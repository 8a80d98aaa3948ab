import type { NotificationPermissionState } from '../hooks/use-notifications'

// Asks for the permission only when clicked; gone once it is granted or denied, or where the
// browser has no notifications.
export function NotificationsButton({ permission, onEnable }: { permission: NotificationPermissionState; onEnable: () => void }) {
  if (permission !== 'default') return null
  return (
    <button type="button" className="link" onClick={onEnable}>
      Enable notifications
    </button>
  )
}
