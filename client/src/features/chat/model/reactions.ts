// Reactions as the client shows them: the server's list (users' ids per emoji, first used first)
// with this user's own toggles that the server has not confirmed yet laid over it, so a click shows
// at once and an error puts back exactly what it changed, whatever arrived from others meanwhile.
import type { Reaction } from '@payload-chat/server/protocol'

// A toggle of `user`'s reaction with `emoji` that no server copy has shown yet.
export interface ReactionOverride {
  emoji: string
  user: number
  reacted: boolean
}

// The picker's emoji: the ones people use most, with the names screen readers say.
export const COMMON_EMOJI: readonly { emoji: string; name: string }[] = [
  { emoji: '👍', name: 'thumbs up' },
  { emoji: '❤️', name: 'red heart' },
  { emoji: '😂', name: 'face with tears of joy' },
  { emoji: '😮', name: 'surprised face' },
  { emoji: '😢', name: 'crying face' },
  { emoji: '🙏', name: 'folded hands' },
  { emoji: '🎉', name: 'party popper' },
  { emoji: '🔥', name: 'fire' },
  { emoji: '👀', name: 'eyes' },
  { emoji: '✅', name: 'check mark' },
]

export const hasReacted = (reactions: readonly Reaction[], emoji: string, user: number): boolean =>
  reactions.some((reaction) => reaction.emoji === emoji && reaction.users.includes(user))

// `reactions` with `user`'s reaction with `emoji` set to `reacted`: a new emoji goes last, an
// emoji nobody has any more goes away.
export function withReaction(reactions: readonly Reaction[], emoji: string, user: number, reacted: boolean): Reaction[] {
  if (hasReacted(reactions, emoji, user) === reacted) return reactions.slice()
  if (!reacted) {
    return reactions
      .map((reaction) => (reaction.emoji === emoji ? { emoji, users: reaction.users.filter((id) => id !== user) } : reaction))
      .filter((reaction) => reaction.users.length > 0)
  }
  const index = reactions.findIndex((reaction) => reaction.emoji === emoji)
  if (index === -1) return [...reactions, { emoji, users: [user] }]
  return reactions.map((reaction, i) => (i === index ? { emoji, users: [...reaction.users, user] } : reaction))
}

// What to show: the server's reactions with the pending toggles applied.
export const shownReactions = (reactions: readonly Reaction[], overrides: readonly ReactionOverride[]): Reaction[] =>
  overrides.reduce<Reaction[]>((shown, o) => withReaction(shown, o.emoji, o.user, o.reacted), reactions.slice())

// Sets (or replaces) the pending toggle of `override.user` with `override.emoji`.
export const withOverride = (overrides: readonly ReactionOverride[], override: ReactionOverride): ReactionOverride[] => [
  ...overrides.filter((o) => !(o.emoji === override.emoji && o.user === override.user)),
  override,
]

export const withoutOverride = (overrides: readonly ReactionOverride[], emoji: string, user: number): ReactionOverride[] =>
  overrides.filter((o) => !(o.emoji === emoji && o.user === user))

// The toggles a server copy does not show yet: one it shows is done (confirmed, or the stream got
// there first).
export const pendingOverrides = (overrides: readonly ReactionOverride[], reactions: readonly Reaction[]): ReactionOverride[] =>
  overrides.filter((o) => hasReacted(reactions, o.emoji, o.user) !== o.reacted)

// What a screen reader says of one reaction's button: "👍 3 reactions, including you".
export function reactionLabel(reaction: Reaction, me: number): string {
  const count = reaction.users.length
  const mine = reaction.users.includes(me)
  return `${reaction.emoji} ${count} ${count === 1 ? 'reaction' : 'reactions'}${mine ? ', including you' : ''}`
}

export const emojiName = (emoji: string): string => COMMON_EMOJI.find((entry) => entry.emoji === emoji)?.name ?? emoji
