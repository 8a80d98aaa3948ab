// One stream per browser: the tabs of the app elect a leader (a lock held for the tab's life); the
// leader alone holds the EventSource and relays every event, in order, over a broadcast channel;
// the others apply what it relays. When the leader goes, the lock passes to the next tab, which
// opens the stream resuming from the highest position it applied: events some tab already applied
// are replayed and dropped there (every tab drops an event at or below its applied position), so
// nothing is lost and nothing is applied twice. Ephemeral events (no id) are just applied.
//
// Pure: the lock, the channel and the stream are given (the browser's in `browser.ts`, fakes in the
// tests). Without a lock or a channel the tab simply leads alone: its own stream.
import type { StreamConnection, StreamEvent, StreamStatus } from './resumable-stream'

// What a tab tells the leader about itself: whether it is visible, and the conversation it shows.
export interface TabState {
  visible: boolean
  open: string | null
}

export type Wire =
  | { type: 'event'; event: StreamEvent } // the leader relays one event
  | { type: 'status'; status: StreamStatus } // the leader's stream status
  | { type: 'hello'; tab: string; state: TabState } // a tab arrived: the leader welcomes it
  // The leader's status (the newcomer missed it), and its stream's ready once it has one.
  | { type: 'welcome'; to: string; status: StreamStatus; ready: StreamEvent | null }
  | { type: 'leader'; tab: string } // a tab took the lead: everyone tells it their state
  | { type: 'tab'; tab: string; state: TabState | null } // null: the tab is gone
  | { type: 'reconnect' } // a follower asks the leader for a fresh stream

export interface Channel {
  post: (message: Wire) => void
  listen: (receive: (message: Wire) => void) => void
  close: () => void
}

// Runs `onLead` once this tab holds the lock; the returned function gives it up (or stops waiting).
export type Election = (onLead: () => void) => () => void

export interface CoordinatorOptions {
  tab: string // this tab's id, unique in the browser
  channel: Channel | null
  election: Election | null
  state: TabState
  // Opens the stream (leader only), resuming from `resumeFrom()`.
  connect: (resumeFrom: () => string | null, sink: { event: (e: StreamEvent) => void; status: (s: StreamStatus) => void }) => StreamConnection
  deliver: (event: StreamEvent) => void // an event this tab applies, each once and in order
  status: (status: StreamStatus) => void
  // Leader only: every tab's state (its own included), whenever one changes.
  tabs?: (tabs: ReadonlyMap<string, TabState>) => void
  leading?: (leader: boolean) => void
}

const numericId = (id: string): number | null => (/^\d+$/.test(id) ? Number(id) : null)

export class StreamCoordinator {
  #applied = 0 // the highest position this tab applied
  #leader = false
  #ready: StreamEvent | null = null // leader: its stream's `ready`, so a newcomer can be welcomed
  #synced = false // this tab has applied a `ready`: a late welcome is not needed
  #statusNow: StreamStatus = 'connecting'
  #connection: StreamConnection | null = null
  #resign: (() => void) | null = null
  #tabs = new Map<string, TabState>()
  #state: TabState
  #disposed = false
  // Null without an election: every tab leads its own stream then, so relaying would be waste.
  readonly #channel: Channel | null

  constructor(private readonly options: CoordinatorOptions) {
    this.#state = options.state
    const { channel, election } = options
    if (!channel || !election) {
      channel?.close()
      this.#channel = null
      this.#lead() // nobody to share with: an own stream
      return
    }
    this.#channel = channel
    channel.listen((message) => this.#receive(message))
    channel.post({ type: 'hello', tab: options.tab, state: this.#state })
    this.#resign = election(() => this.#lead())
  }

  get applied(): number {
    return this.#applied
  }

  get leader(): boolean {
    return this.#leader
  }

  // This tab's visibility or open conversation changed.
  setState(state: TabState) {
    this.#state = state
    if (this.#leader) this.#setTab(this.options.tab, state)
    else this.#channel?.post({ type: 'tab', tab: this.options.tab, state })
  }

  reconnect() {
    if (this.#leader) this.#connection?.reconnect()
    else this.#channel?.post({ type: 'reconnect' })
  }

  // The tab closes (or logs out): the lock passes on, the leader forgets it.
  dispose() {
    if (this.#disposed) return
    this.#disposed = true
    this.#connection?.close()
    this.#connection = null
    this.#resign?.()
    this.#channel?.post({ type: 'tab', tab: this.options.tab, state: null })
    this.#channel?.close()
  }

  #lead() {
    if (this.#disposed) return
    this.#leader = true
    this.options.leading?.(true)
    this.#tabs = new Map([[this.options.tab, this.#state]])
    this.options.tabs?.(this.#tabs)
    this.#channel?.post({ type: 'leader', tab: this.options.tab })
    // Taking over from a leader that went: the stream is being opened again.
    if (this.#statusNow !== 'connecting') {
      this.#channel?.post({ type: 'status', status: 'reconnecting' })
      this.#setStatus('reconnecting')
    }
    const resumeFrom = () => (this.#applied > 0 ? String(this.#applied) : null)
    this.#connection = this.options.connect(resumeFrom, {
      event: (event) => {
        if (event.name === 'ready') this.#ready = event
        this.#channel?.post({ type: 'event', event })
        this.#accept(event)
      },
      status: (status) => {
        this.#channel?.post({ type: 'status', status })
        this.#setStatus(status)
      },
    })
  }

  #receive(message: Wire) {
    if (this.#disposed) return
    switch (message.type) {
      case 'event':
        if (!this.#leader) this.#accept(message.event)
        return
      case 'status':
        if (!this.#leader) this.#setStatus(message.status)
        return
      case 'hello':
        if (!this.#leader) return
        this.#setTab(message.tab, message.state)
        this.#welcome(message.tab)
        return
      case 'welcome':
        if (message.to !== this.options.tab || this.#leader) return
        this.#setStatus(message.status)
        if (message.ready && !this.#synced) this.#accept(message.ready)
        return
      case 'leader':
        if (!this.#leader) this.#channel?.post({ type: 'tab', tab: this.options.tab, state: this.#state })
        return
      case 'tab':
        if (this.#leader) this.#setTab(message.tab, message.state)
        return
      case 'reconnect':
        if (this.#leader) this.#connection?.reconnect()
        return
    }
  }

  // Always answered, even before the stream's ready: the newcomer missed an earlier 'open'. The
  // ready is the stream's own (its data says whose stream it is), at the position applied.
  #welcome(to: string) {
    const ready = this.#ready && { ...this.#ready, id: String(this.#applied) }
    this.#channel?.post({ type: 'welcome', to, status: this.#statusNow, ready })
  }

  // Applies an event once: a change at or below the applied position was applied already (a
  // replay after a hand-over, or a duplicate). `ready` and `reset` always pass: they say where the
  // stream (re)starts, and `reset` may move the position back (a restored database).
  #accept(event: StreamEvent) {
    const id = numericId(event.id)
    if (event.name === 'reset') {
      if (id !== null) this.#applied = id
    } else if (event.name === 'ready') {
      this.#synced = true
      if (id !== null) {
        this.#applied = Math.max(this.#applied, id)
        event = { ...event, id: String(this.#applied) }
      }
    } else if (id !== null) {
      if (id <= this.#applied) return
      this.#applied = id
    }
    this.options.deliver(event)
  }

  #setStatus(status: StreamStatus) {
    this.#statusNow = status
    this.options.status(status)
  }

  #setTab(tab: string, state: TabState | null) {
    const next = new Map(this.#tabs)
    if (state) next.set(tab, state)
    else next.delete(tab)
    this.#tabs = next
    this.options.tabs?.(next)
  }
}
