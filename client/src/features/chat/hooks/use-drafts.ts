// Unsent text per conversation, kept while another one is open (not across reloads). Not state:
// the composer shows it only when its conversation opens again.
import { useCallback, useRef } from 'react'

export function useDrafts() {
  const draftsRef = useRef(new Map<number, string>())
  const draftFor = useCallback((peer: number) => draftsRef.current.get(peer) ?? '', [])
  const saveDraft = useCallback((peer: number, text: string) => {
    if (text) draftsRef.current.set(peer, text)
    else draftsRef.current.delete(peer)
  }, [])
  return { draftFor, saveDraft }
}
