import { cleanup } from '@testing-library/react'
import { afterEach, beforeEach, vi } from 'vitest'

// A scriptable stand-in for the browser's EventSource.
export class FakeEventSource extends EventTarget {
  static CONNECTING = 0
  static OPEN = 1
  static CLOSED = 2
  static instances: FakeEventSource[] = []
  readyState = FakeEventSource.CONNECTING
  onopen: (() => void) | null = null
  onerror: (() => void) | null = null

  constructor(readonly url: string) {
    super()
    FakeEventSource.instances.push(this)
  }
  open() {
    this.readyState = FakeEventSource.OPEN
    this.onopen?.()
  }
  // As in the browser, an event without an `id:` line carries the last id the stream had.
  #lastEventId = ''
  emit(type: string, data: string, lastEventId = '') {
    if (lastEventId) this.#lastEventId = lastEventId
    this.dispatchEvent(new MessageEvent(type, { data, lastEventId: this.#lastEventId }))
  }
  fail(closed: boolean) {
    this.readyState = closed ? FakeEventSource.CLOSED : FakeEventSource.CONNECTING
    this.onerror?.()
  }
  close() {
    this.readyState = FakeEventSource.CLOSED
  }
}

// Each test of the chat screen starts at `hash` with no stream yet (the screen opens a
// FakeEventSource), and ends unmounted with the real globals back.
export function useFakeStream(hash = '#/') {
  beforeEach(() => {
    window.history.replaceState(null, '', hash)
    FakeEventSource.instances = []
    vi.stubGlobal('EventSource', FakeEventSource)
  })
  afterEach(() => {
    cleanup()
    vi.unstubAllGlobals()
  })
}
