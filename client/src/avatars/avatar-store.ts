// What the page knows about avatars, shared by every Avatar: a version per user that a change of
// picture bumps (the image URL gets `?v=`, so this browser's cached copy is not shown again), and
// the users who have none (the server answered 404), so their initials show without asking again
// for every message. Others' pictures refresh when the server's cache time (5 minutes) passes or
// the page reloads: the server does not announce avatar changes.
import { useSyncExternalStore } from 'react'
import { avatarPath } from '@payload-chat/server/protocol'

const MISSING_FOR_MS = 5 * 60_000

const versions = new Map<number, number>()
const missingUntil = new Map<string, number>()
const listeners = new Set<() => void>()
let snapshot = 0

const notify = () => {
  snapshot++
  for (const listener of listeners) listener()
}

// The user changed their picture (set or removed it) here: show the new one everywhere at once.
export function avatarChanged(userId: number): void {
  versions.set(userId, (versions.get(userId) ?? 0) + 1)
  notify()
}

export function avatarUrl(userId: number): string {
  const version = versions.get(userId)
  return version ? `${avatarPath(userId)}?v=${version}` : avatarPath(userId)
}

export function markMissing(url: string, now = Date.now()): void {
  missingUntil.set(url, now + MISSING_FOR_MS)
}

export function knownMissing(url: string, now = Date.now()): boolean {
  const until = missingUntil.get(url)
  if (until === undefined) return false
  if (until > now) return true
  missingUntil.delete(url)
  return false
}

const subscribe = (listener: () => void) => {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

// Re-renders the caller when any avatar changes here; returns the user's current image URL.
export function useAvatarUrl(userId: number): string {
  useSyncExternalStore(subscribe, () => snapshot)
  return avatarUrl(userId)
}
