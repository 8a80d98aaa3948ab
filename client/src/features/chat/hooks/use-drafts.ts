// Unsent text per conversation (by targetKey), kept while another one is open (not across
// reloads). Not state: the composer shows it only when its conversation opens again.
import { useCallback, useRef } from 'react'

export function useDrafts() {
  const draftsRef = useRef(new Map<string, string>())
  const draftFor = useCallback((key: string) => draftsRef.current.get(key) ?? '', [])
  const saveDraft = useCallback((key: string, text: string) => {
    if (text) draftsRef.current.set(key, text)
    else draftsRef.current.delete(key)
  }, [])
  return { draftFor, saveDraft }
}
