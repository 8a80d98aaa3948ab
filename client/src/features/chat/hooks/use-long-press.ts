// A long press with a finger (or pen) on an element: `onLongPress` after LONG_PRESS_MS without
// moving away; a mouse never triggers it (it has hover and a right button). The system menu a long
// press would open over a message is kept away once the press counted.
import { useRef, type PointerEvent } from 'react'

export const LONG_PRESS_MS = 500
const SLOP_PX = 10

export function useLongPress(onLongPress: () => void) {
  const timerRef = useRef<ReturnType<typeof setTimeout> | null>(null)
  const startRef = useRef({ x: 0, y: 0 })
  const firedRef = useRef(false)
  const cancel = () => {
    if (timerRef.current) clearTimeout(timerRef.current)
    timerRef.current = null
  }
  return {
    onPointerDown: (event: PointerEvent) => {
      if (event.pointerType === 'mouse') return
      cancel()
      firedRef.current = false
      startRef.current = { x: event.clientX, y: event.clientY }
      timerRef.current = setTimeout(() => {
        firedRef.current = true
        onLongPress()
      }, LONG_PRESS_MS)
    },
    onPointerMove: (event: PointerEvent) => {
      if (Math.hypot(event.clientX - startRef.current.x, event.clientY - startRef.current.y) > SLOP_PX) cancel()
    },
    onPointerUp: cancel,
    onPointerCancel: cancel,
    onContextMenu: (event: { preventDefault: () => void }) => {
      if (firedRef.current) event.preventDefault()
    },
  }
}
