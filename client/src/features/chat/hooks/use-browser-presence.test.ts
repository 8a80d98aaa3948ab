import { act, cleanup, renderHook } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import type { TabState } from '../../../hooks/use-event-source'
import { useBrowserPresence } from './use-browser-presence'

const hidden: TabState = { visible: false, open: null }
const visible: TabState = { visible: true, open: null }

// Review finding 3: the leader alone reports the browser's visibility, one POST per change.
describe('useBrowserPresence', () => {
  let posts: unknown[]
  beforeEach(() => {
    posts = []
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      if (url === '/api/presence' && init?.method === 'POST') posts.push(JSON.parse(String(init.body)))
      return new Response('{}', { headers: { 'content-type': 'application/json' } })
    })
  })
  afterEach(() => {
    cleanup()
    vi.unstubAllGlobals()
  })

  it('reports away from the leader when every tab is hidden, online again when one shows', async () => {
    const { rerender } = renderHook(({ tabs }) => useBrowserPresence(true, tabs, 1), {
      initialProps: { tabs: new Map([['a', hidden], ['b', hidden]]) },
    })
    await vi.waitFor(() => expect(posts).toEqual([{ status: 'away' }]))
    rerender({ tabs: new Map([['a', hidden], ['b', visible]]) })
    await vi.waitFor(() => expect(posts).toEqual([{ status: 'away' }, { status: 'online' }]))
  })

  it('never reports from a follower tab', async () => {
    renderHook(() => useBrowserPresence(false, new Map([['a', hidden]]), 1))
    await act(async () => {})
    expect(posts).toEqual([])
  })
})
