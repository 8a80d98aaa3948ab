// A ref that always holds the latest committed value, for callbacks that must stay stable (or run
// outside React, such as EventSource listeners) yet see current props and state. Written in a
// layout effect, not during render: a render React throws away never leaks into it.
import { useLayoutEffect, useRef } from 'react'

export function useLatest<T>(value: T) {
  const ref = useRef(value)
  useLayoutEffect(() => {
    ref.current = value
  })
  return ref
}
