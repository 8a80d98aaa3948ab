import type { RefObject } from 'react'

import { PopupMenu, type PopupMenuItem } from './popup-menu'
import { ReactionPicker } from './reaction-picker'
import type { Reaction } from '../model/types'

// What is open beside a message: its actions menu, or the emoji picker its React item opened.
export type ToolsOpen = 'menu' | 'picker' | null

export interface MessageToolsProps {
  open: ToolsOpen
  onOpenChange: (open: ToolsOpen) => void
  triggerRef: RefObject<HTMLButtonElement | null>
  describedBy: string // the message's text: "More actions" for which message
  me: number
  reactions: Reaction[]
  onReply?: () => void
  onReact?: (emoji: string) => void
  onEdit?: () => void // own messages
  onDelete?: () => void // own messages
  onReport?: () => void // others' messages
}

// One "More actions" button per message (shown on hover and focus on a desktop, always on touch
// screens) opening its menu: Reply, React, Edit and Delete for your own, Report for others'. An
// item puts the focus back on the button before it acts, so whatever it opens returns there.
export function MessageTools(props: MessageToolsProps) {
  const { open, onOpenChange, triggerRef, describedBy, me, reactions, onReply, onReact, onEdit, onDelete, onReport } = props
  const close = (refocus: boolean) => {
    onOpenChange(null)
    if (refocus) triggerRef.current?.focus()
  }
  const items: PopupMenuItem[] = []
  if (onReply) items.push({ key: 'reply', label: 'Reply', onSelect: onReply })
  if (onReact) items.push({ key: 'react', label: 'React', onSelect: () => onOpenChange('picker') })
  if (onEdit) items.push({ key: 'edit', label: 'Edit', onSelect: onEdit })
  if (onDelete) items.push({ key: 'delete', label: 'Delete', onSelect: onDelete, danger: true })
  if (onReport) items.push({ key: 'report', label: 'Report', onSelect: onReport })
  if (items.length === 0) return null

  return (
    <div className={`message-tools${open ? ' open' : ''}`}>
      <button
        type="button"
        ref={triggerRef}
        className="more"
        aria-label="More actions"
        aria-describedby={describedBy}
        aria-haspopup="menu"
        aria-expanded={open === 'menu'}
        onClick={() => onOpenChange(open === 'menu' ? null : 'menu')}
      >
        ⋯
      </button>
      {open === 'menu' && <PopupMenu label="Message actions" items={items} onClose={close} />}
      {open === 'picker' && onReact && <ReactionPicker reactions={reactions} me={me} onPick={onReact} onClose={close} />}
    </div>
  )
}
