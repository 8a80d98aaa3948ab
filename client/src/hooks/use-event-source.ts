// The one hook over the live stream. With `share` (a name the tabs of one browser agree on), the
// tabs share one EventSource: one leads and relays (lib/shared-stream/coordinator.ts); without it,
// or where the browser lacks Web Locks or BroadcastChannel, the tab has its own. Either way each
// event reaches `handlers` once and in order, the status is the leader's stream's, and a stream
// the browser gave up on is reopened, resuming, unless `onClosed` says no (logged out).
import { useCallback, useEffect, useRef, useState } from 'react'

import { browserChannel, browserElection, newTabId } from '../lib/shared-stream/browser'
import { StreamCoordinator, type TabState } from '../lib/shared-stream/coordinator'
import { openResumableStream, type StreamStatus } from '../lib/shared-stream/resumable-stream'
import { useLatest } from './use-latest'

export { withLastEventId, type StreamStatus } from '../lib/shared-stream/resumable-stream'
export type { TabState } from '../lib/shared-stream/coordinator'

// A handler returns false when the stream is not this tab's any more (another user's): the tab
// stops it for good, relays nothing more, and its status is 'closed'.
export type StreamHandlers = Record<string, (data: string, eventId: string) => void | false>

export interface EventSourceOptions {
  url: string | null // null: no stream
  handlers: StreamHandlers
  onClosed?: () => Promise<boolean> | boolean // resolve false to stay closed (e.g. logged out)
  ephemeral?: readonly string[] // events without an id (see resumable-stream.ts)
  share?: string // tabs with the same `share` share one stream
  tabState?: TabState // what this tab tells the leader (visible, conversation shown)
}

const NO_TABS: ReadonlyMap<string, TabState> = new Map()

export function useEventSource({ url, handlers, onClosed, ephemeral, share, tabState }: EventSourceOptions) {
  // The status of the stream to `url`: a new url starts over at 'connecting', no url is 'closed'.
  const [state, setState] = useState<{ url: string | null; status: StreamStatus }>({ url, status: 'connecting' })
  const status: StreamStatus = !url ? 'closed' : state.url === url ? state.status : 'connecting'
  // `shared`: the tabs share the stream, so the leader's `tabs` are the browser's; else each tab
  // leads its own stream and knows only itself.
  const [role, setRole] = useState({ leader: false, shared: false })
  // Leader only: the state of every tab of the browser.
  const [tabs, setTabs] = useState(NO_TABS)
  const handlersRef = useLatest(handlers)
  const onClosedRef = useLatest(onClosed)
  const tabStateRef = useLatest(tabState)
  const coordinatorRef = useRef<StreamCoordinator | null>(null)

  useEffect(() => {
    if (!url) return
    const names = Object.keys(handlersRef.current)
    const channelName = share ? `payload-chat:${share}` : null
    const check = () => (onClosedRef.current ? onClosedRef.current() : true)
    const channel = channelName ? browserChannel(channelName) : null
    const election = channelName ? browserElection(channelName) : null
    const shared = channel !== null && election !== null
    const coordinator: StreamCoordinator = new StreamCoordinator({
      tab: newTabId(),
      channel,
      election,
      state: tabStateRef.current ?? { visible: true, open: null },
      connect: (resumeFrom, sink) =>
        openResumableStream({ url, names, ephemeral, resumeFrom, onEvent: sink.event, onStatus: sink.status, onClosed: check }),
      deliver: (event) => {
        if (handlersRef.current[event.name]?.(event.data, event.id) !== false) return
        coordinator.dispose()
        setState({ url, status: 'closed' })
      },
      status: (next) => {
        setState({ url, status: next })
        // The leader's stream stays closed (logged out there): is this tab's session over too?
        if (next === 'closed' && !coordinator.leader) void Promise.resolve(check()).catch(() => true)
      },
      tabs: setTabs,
      leading: (leader) => setRole({ leader, shared }),
    })
    coordinatorRef.current = coordinator
    const leave = () => coordinator.dispose()
    // A closing tab says goodbye at once; the lock is freed by the browser in any case. A page
    // brought back from the back-forward cache has given up its part: it starts afresh.
    const back = (event: PageTransitionEvent) => {
      if (event.persisted) window.location.reload()
    }
    window.addEventListener('pagehide', leave)
    window.addEventListener('pageshow', back)
    return () => {
      window.removeEventListener('pagehide', leave)
      window.removeEventListener('pageshow', back)
      coordinatorRef.current = null
      coordinator.dispose()
      setRole({ leader: false, shared: false })
      setTabs(NO_TABS)
    }
  }, [url, share, ephemeral, handlersRef, onClosedRef, tabStateRef])

  const visible = tabState?.visible ?? true
  const open = tabState?.open ?? null
  useEffect(() => {
    coordinatorRef.current?.setState({ visible, open })
  }, [visible, open])

  // Opens a fresh stream now (the leader does), resuming from the last event applied.
  const reconnect = useCallback(() => coordinatorRef.current?.reconnect(), [])

  return { status, reconnect, leader: role.leader, shared: role.shared, tabs }
}
