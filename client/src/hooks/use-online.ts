import { useSyncExternalStore } from 'react'

const subscribe = (notify: () => void) => {
  window.addEventListener('online', notify)
  window.addEventListener('offline', notify)
  return () => {
    window.removeEventListener('online', notify)
    window.removeEventListener('offline', notify)
  }
}

// navigator.onLine as React state.
export const useOnline = (): boolean => useSyncExternalStore(subscribe, () => navigator.onLine, () => true)
