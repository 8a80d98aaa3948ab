// The people you blocked: loaded with everything else on the stream's first `ready` (and again on
// a reset), changed by Block / Unblock here (blocks are private: no other tab or device is told;
// each has them from its last load).
import type { Block } from '@payload-chat/server/protocol'
import { useCallback, useMemo, useState } from 'react'

import { useLatest } from '../../../hooks/use-latest'
import { ApiError } from '../../../lib/api-client'
import { blockPerson, fetchBlocks, unblock as deleteBlock } from '../api/moderation-api'
import { blockedPerson } from '../model/moderation'

export function useBlocks(onError: (error: unknown) => void) {
  const [blocks, setBlocks] = useState<Block[] | null>(null) // null: loading
  const onErrorRef = useLatest(onError)

  const reload = useCallback(async () => {
    try {
      setBlocks(await fetchBlocks())
    } catch (error) {
      onErrorRef.current(error)
    }
  }, [onErrorRef])

  // Rejects with the server's refusal, for the button that asked to show.
  const block = useCallback(
    async (user: number) => {
      try {
        const created = await blockPerson(user)
        setBlocks((current) => [...(current ?? []).filter((b) => blockedPerson(b).id !== user), created])
      } catch (error) {
        // Blocked already (in another tab): the list is what is out of date.
        if (error instanceof ApiError && error.status === 409) return reload()
        throw error
      }
    },
    [reload],
  )

  const blocksRef = useLatest(blocks)
  const unblock = useCallback(async (user: number) => {
    const found = blocksRef.current?.find((b) => blockedPerson(b).id === user)
    if (!found) return
    try {
      await deleteBlock(found.id)
    } catch (error) {
      // Lifted already (in another tab): it is gone either way.
      if (!(error instanceof ApiError && error.status === 404)) throw error
    }
    setBlocks((current) => (current ?? []).filter((b) => b.id !== found.id))
  }, [blocksRef])

  const blockedIds = useMemo(() => new Set((blocks ?? []).map((b) => blockedPerson(b).id)), [blocks])
  const people = useMemo(() => (blocks ?? []).map(blockedPerson).sort((a, b) => a.name.localeCompare(b.name)), [blocks])
  return { loaded: blocks !== null, blockedIds, people, block, unblock, reload }
}
