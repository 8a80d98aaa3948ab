import { useSyncExternalStore } from 'react'

const subscribe = (notify: () => void) => {
  document.addEventListener('visibilitychange', notify)
  return () => document.removeEventListener('visibilitychange', notify)
}

// Whether the tab is shown: a conversation open in a hidden tab is not being read.
export const useVisible = (): boolean =>
  useSyncExternalStore(subscribe, () => document.visibilityState !== 'hidden', () => true)
