import { COMMON_EMOJI, hasReacted } from '../model/reactions'
import type { Reaction } from '../model/types'
import { PopupMenu } from './popup-menu'

export interface ReactionPickerProps {
  reactions: Reaction[] // the message's, as shown: yours are checked
  me: number
  onPick: (emoji: string) => void // toggles it
  onClose: (refocus: boolean) => void
}

// The common emoji, a row of toggles: one you reacted with already is checked (picking it again
// takes it back).
export function ReactionPicker({ reactions, me, onPick, onClose }: ReactionPickerProps) {
  const items = COMMON_EMOJI.map(({ emoji, name }) => ({
    key: emoji,
    label: `React with ${name}`,
    content: <span aria-hidden="true">{emoji}</span>,
    checked: hasReacted(reactions, emoji, me),
    onSelect: () => onPick(emoji),
  }))
  return <PopupMenu label="Pick a reaction" items={items} onClose={onClose} className="reaction-picker" horizontal />
}
