import { renderHook } from '@testing-library/react'
import { describe, expect, it } from 'vitest'

import { badgeText, faviconFor } from '../model/unread-badge'
import { useUnreadTitle } from './use-unread-title'

const icon = () => document.querySelector('link[rel="icon"][type="image/svg+xml"]')?.getAttribute('href')

describe('useUnreadTitle', () => {
  it('shows the unread total in the tab title and icon, and the plain ones once the chat is gone', () => {
    const { rerender, unmount } = renderHook(({ unread }) => useUnreadTitle(unread), { initialProps: { unread: 3 } })
    expect(document.title).toBe('(3) Payload Chat')
    expect(decodeURIComponent(icon()!)).toContain('>3</text>')
    rerender({ unread: 0 })
    expect(document.title).toBe('Payload Chat')
    expect(icon()).toBe('/favicon.svg')
    rerender({ unread: 1 })
    expect(document.title).toBe('(1) Payload Chat')
    expect(decodeURIComponent(icon()!)).toContain('>1</text>')
    unmount()
    expect(document.title).toBe('Payload Chat')
    expect(icon()).toBe('/favicon.svg')
  })

  it('badges large counts as 99+', () => {
    expect(badgeText(0)).toBeNull()
    expect(badgeText(7)).toBe('7')
    expect(badgeText(100)).toBe('99+')
    expect(faviconFor(0)).toBe('/favicon.svg')
    expect(faviconFor(250).startsWith('data:image/svg+xml,')).toBe(true)
  })
})
