import { useRef, useState } from 'react'

import { reactionLabel } from '../model/reactions'
import type { Reaction } from '../model/types'
import { ReactionPicker } from './reaction-picker'

export interface ReactionBarProps {
  reactions: Reaction[] // as shown (your pending toggles included)
  me: number
  onToggle: (emoji: string) => void
  describedBy?: string // the message's text
}

// Under a message with reactions: each emoji with its count (yours pressed), a click toggles
// yours; "+" opens the picker for another.
export function ReactionBar({ reactions, me, onToggle, describedBy }: ReactionBarProps) {
  const [picking, setPicking] = useState(false)
  const addRef = useRef<HTMLButtonElement>(null)
  if (reactions.length === 0) return null
  return (
    <div className="reaction-bar" role="group" aria-label="Reactions">
      {reactions.map((reaction) => {
        const mine = reaction.users.includes(me)
        return (
          <button
            key={reaction.emoji}
            type="button"
            className={`reaction${mine ? ' mine' : ''}`}
            aria-pressed={mine}
            aria-label={reactionLabel(reaction, me)}
            aria-describedby={describedBy}
            onClick={() => onToggle(reaction.emoji)}
          >
            <span aria-hidden="true">{reaction.emoji}</span> <span aria-hidden="true">{reaction.users.length}</span>
          </button>
        )
      })}
      <span className="picker-anchor">
        <button type="button" ref={addRef} className="reaction add" aria-label="Add a reaction" aria-haspopup="menu" aria-expanded={picking} onClick={() => setPicking((open) => !open)}>
          +
        </button>
        {picking && (
          <ReactionPicker
            reactions={reactions}
            me={me}
            onPick={onToggle}
            onClose={(refocus) => {
              setPicking(false)
              if (refocus) addRef.current?.focus()
            }}
          />
        )}
      </span>
    </div>
  )
}
