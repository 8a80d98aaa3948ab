import { renderHook } from '@testing-library/react'
import { describe, expect, it } from 'vitest'

import { useUnreadTitle } from './use-unread-title'

describe('useUnreadTitle', () => {
  it('shows the unread total in the tab title, and the plain title once the chat is gone', () => {
    const { rerender, unmount } = renderHook(({ unread }) => useUnreadTitle(unread), { initialProps: { unread: 3 } })
    expect(document.title).toBe('(3) Payload Chat')
    rerender({ unread: 0 })
    expect(document.title).toBe('Payload Chat')
    rerender({ unread: 1 })
    expect(document.title).toBe('(1) Payload Chat')
    unmount()
    expect(document.title).toBe('Payload Chat')
  })
})
