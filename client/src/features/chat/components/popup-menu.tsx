import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'

export interface PopupMenuItem {
  key: string
  label: string // what a screen reader says
  content?: ReactNode // what is shown (the label when left out)
  onSelect: () => void
  checked?: boolean // a toggle (your reaction): said as checked
  danger?: boolean
}

export interface PopupMenuProps {
  label: string
  items: PopupMenuItem[]
  // Closed by Escape, Tab or a click elsewhere: `refocus` asks for the focus back on the opener
  // (not after a click elsewhere, which put it where the user wanted).
  onClose: (refocus: boolean) => void
  className?: string
  horizontal?: boolean // a row (the emoji): Left and Right move too
}

// A menu in the WAI-ARIA way: the focus moves into it on opening, arrow keys (and Home, End) move
// between its items, Enter or Space picks one, Escape closes it. Choosing an item closes it first.
export function PopupMenu({ label, items, onClose, className = '', horizontal = false }: PopupMenuProps) {
  const [active, setActive] = useState(0)
  const menuRef = useRef<HTMLDivElement>(null)
  const itemRefs = useRef<(HTMLButtonElement | null)[]>([])
  const onCloseRef = useRef(onClose)
  useEffect(() => {
    onCloseRef.current = onClose
  })

  useEffect(() => {
    itemRefs.current[active]?.focus()
  }, [active])

  useEffect(() => {
    const onPointerDown = (event: PointerEvent) => {
      // Its anchor holds the button that opened it: a press there toggles it, not closes and reopens.
      const anchor = menuRef.current?.parentElement ?? menuRef.current
      if (!anchor?.contains(event.target as Node)) onCloseRef.current(false)
    }
    document.addEventListener('pointerdown', onPointerDown)
    return () => document.removeEventListener('pointerdown', onPointerDown)
  }, [])

  const move = (to: number) => setActive((to + items.length) % items.length)
  const onKeyDown = (event: KeyboardEvent) => {
    const next = ['ArrowDown', ...(horizontal ? ['ArrowRight'] : [])]
    const previous = ['ArrowUp', ...(horizontal ? ['ArrowLeft'] : [])]
    if (next.includes(event.key)) move(active + 1)
    else if (previous.includes(event.key)) move(active - 1)
    else if (event.key === 'Home') move(0)
    else if (event.key === 'End') move(items.length - 1)
    else if (event.key === 'Escape') onClose(true)
    else if (event.key === 'Tab') return onClose(true)
    else return
    event.preventDefault()
    event.stopPropagation()
  }

  return (
    <div ref={menuRef} role="menu" aria-label={label} aria-orientation={horizontal ? 'horizontal' : 'vertical'} className={`popup-menu ${className}`} onKeyDown={onKeyDown}>
      {items.map((item, index) => (
        <button
          key={item.key}
          ref={(el) => {
            itemRefs.current[index] = el
          }}
          type="button"
          role={item.checked === undefined ? 'menuitem' : 'menuitemcheckbox'}
          aria-checked={item.checked}
          aria-label={item.content ? item.label : undefined}
          tabIndex={index === active ? 0 : -1}
          className={item.danger ? 'danger' : undefined}
          onClick={() => {
            onClose(true)
            item.onSelect()
          }}
        >
          {item.content ?? item.label}
        </button>
      ))}
    </div>
  )
}
