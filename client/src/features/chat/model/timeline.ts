// Presentation helpers, pure: day separators and times in the user's locale.
import type { ChatItem } from './types'

export type TimelineRow = { kind: 'day'; key: string; label: string } | { kind: 'message'; key: string; item: ChatItem }

const dayKey = (date: Date) => `${date.getFullYear()}-${date.getMonth()}-${date.getDate()}`

export function dayLabel(date: Date, now = new Date(), locale?: string): string {
  const yesterday = new Date(now)
  yesterday.setDate(now.getDate() - 1)
  if (dayKey(date) === dayKey(now)) return 'Today'
  if (dayKey(date) === dayKey(yesterday)) return 'Yesterday'
  return date.toLocaleDateString(locale, {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    ...(date.getFullYear() === now.getFullYear() ? {} : { year: 'numeric' }),
  })
}

export function buildTimeline(items: ChatItem[], now = new Date(), locale?: string): TimelineRow[] {
  const rows: TimelineRow[] = []
  let lastDay = ''
  for (const item of items) {
    const date = new Date(item.timestamp)
    const key = dayKey(date)
    if (key !== lastDay) {
      rows.push({ kind: 'day', key: `day:${key}`, label: dayLabel(date, now, locale) })
      lastDay = key
    }
    rows.push({ kind: 'message', key: item.key, item })
  }
  return rows
}

export const formatTime = (iso: string, locale?: string): string =>
  new Date(iso).toLocaleTimeString(locale, { hour: 'numeric', minute: '2-digit' })

// Sidebar: the time for today, else a short date.
export function formatWhen(iso: string, now = new Date(), locale?: string): string {
  const date = new Date(iso)
  if (dayKey(date) === dayKey(now)) return formatTime(iso, locale)
  return date.toLocaleDateString(locale, {
    month: 'short',
    day: 'numeric',
    ...(date.getFullYear() === now.getFullYear() ? {} : { year: 'numeric' }),
  })
}
