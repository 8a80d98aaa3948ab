import { describe, expect, it } from 'vitest'

import { StreamCoordinator, type Channel, type Election, type TabState, type Wire } from './coordinator'
import type { StreamEvent, StreamStatus } from './resumable-stream'

// A lock granted to one holder at a time, in the order asked (as Web Locks does).
class FakeLock {
  queue: { onLead: () => void }[] = []
  election: Election = (onLead) => {
    const entry = { onLead }
    this.queue.push(entry)
    if (this.queue.length === 1) onLead()
    return () => {
      const wasHolder = this.queue[0] === entry
      this.queue = this.queue.filter((e) => e !== entry)
      if (wasHolder) this.queue[0]?.onLead()
    }
  }
}

// A broadcast channel: a message reaches every other member, in the order posted, when flushed
// (delivery is asynchronous in the browser); `flush(member)` delivers to that member only.
class FakeHub {
  members = new Set<FakeChannel>()
  channel() {
    const channel = new FakeChannel(this)
    this.members.add(channel)
    return channel
  }
  post(from: FakeChannel, message: Wire) {
    for (const member of this.members) if (member !== from) member.inbox.push(structuredClone(message))
  }
  flush(only?: FakeChannel) {
    const members = only ? [only] : [...this.members]
    while (members.some((m) => m.inbox.length)) for (const m of members) if (m.inbox.length) m.receive?.(m.inbox.shift()!)
  }
}
class FakeChannel implements Channel {
  inbox: Wire[] = []
  receive: ((message: Wire) => void) | null = null
  constructor(private readonly hub: FakeHub) {}
  post = (message: Wire) => this.hub.post(this, message)
  listen = (receive: (message: Wire) => void) => void (this.receive = receive)
  close = () => void this.hub.members.delete(this)
}

// The server's side: each connect is one stream, resuming from where the leader says.
class FakeServer {
  streams: { resumeFrom: string | null; sink: { event: (e: StreamEvent) => void; status: (s: StreamStatus) => void }; reconnects: number; closed: boolean }[] = []
  connect = (resumeFrom: () => string | null, sink: { event: (e: StreamEvent) => void; status: (s: StreamStatus) => void }) => {
    const stream = { resumeFrom: resumeFrom(), sink, reconnects: 0, closed: false }
    this.streams.push(stream)
    return { reconnect: () => void stream.reconnects++, close: () => void (stream.closed = true) }
  }
  get open() {
    return this.streams.filter((s) => !s.closed)
  }
  send(name: string, id: string, data = id) {
    const [stream] = this.open
    stream.sink.event({ name, data, id })
  }
}

const visible: TabState = { visible: true, open: null }

function browser() {
  const lock = new FakeLock()
  const hub = new FakeHub()
  const server = new FakeServer()
  const tab = (name: string, state: TabState = visible) => {
    const seen: string[] = []
    const events: StreamEvent[] = []
    const statuses: StreamStatus[] = []
    let tabs: ReadonlyMap<string, TabState> = new Map()
    const channel = hub.channel()
    const coordinator = new StreamCoordinator({
      tab: name,
      channel,
      election: lock.election,
      state,
      connect: server.connect,
      deliver: (e) => {
        seen.push(e.id ? `${e.name}:${e.id}` : e.name)
        events.push(e)
      },
      status: (s) => statuses.push(s),
      tabs: (t) => (tabs = t),
    })
    return { coordinator, seen, events, statuses, tabs: () => tabs, channel }
  }
  return { lock, hub, server, tab }
}

describe('StreamCoordinator', () => {
  it('leads alone with its own stream when the browser has no lock or channel', () => {
    const server = new FakeServer()
    const seen: string[] = []
    const coordinator = new StreamCoordinator({
      tab: 'a',
      channel: null,
      election: null,
      state: visible,
      connect: server.connect,
      deliver: (e) => seen.push(`${e.name}:${e.id}`),
      status: () => {},
    })
    expect(coordinator.leader).toBe(true)
    server.send('ready', '3')
    server.send('message.created', '4')
    server.send('message.created', '4') // a duplicate
    server.send('typing', '')
    expect(seen).toEqual(['ready:3', 'message.created:4', 'typing:'])
    expect(coordinator.applied).toBe(4)
  })

  it('eight tabs hold one stream; the leader relays every event in order, and its status', () => {
    const { server, hub, tab } = browser()
    const tabs = Array.from({ length: 8 }, (_, i) => tab(`t${i}`))
    hub.flush()
    expect(server.streams).toHaveLength(1)
    expect(tabs.map((t) => t.coordinator.leader)).toEqual([true, false, false, false, false, false, false, false])

    server.streams[0].sink.status('open')
    server.send('ready', '10')
    server.send('message.created', '11')
    server.send('presence', '')
    server.send('message.updated', '12')
    hub.flush()
    for (const t of tabs) {
      expect(t.seen).toEqual(['ready:10', 'message.created:11', 'presence', 'message.updated:12'])
      expect(t.statuses.at(-1)).toBe('open')
    }

    // A follower's "Reconnect now" asks the leader.
    tabs[5].coordinator.reconnect()
    hub.flush()
    expect(server.streams[0].reconnects).toBe(1)
  })

  it("welcomes a tab that opens after the stream is ready with the stream's ready at the current position", () => {
    const { server, hub, tab } = browser()
    const first = tab('a')
    server.streams[0].sink.status('open')
    server.send('ready', '5', '{"cursor":"5","user":7}')
    server.send('message.created', '6')
    hub.flush()
    const late = tab('b')
    hub.flush()
    expect(late.seen).toEqual(['ready:6'])
    // Its data is the stream's: it says whose stream it is (a tab of another user logs out).
    expect(late.events[0].data).toBe('{"cursor":"5","user":7}')
    expect(late.statuses).toEqual(['open'])
    server.send('message.created', '7')
    hub.flush()
    expect(late.seen).toEqual(['ready:6', 'message.created:7'])
    expect(first.seen).toEqual(['ready:5', 'message.created:6', 'message.created:7'])
  })

  // Review finding 1: B missed the 'open' and arrived before the ready, so no ready welcome.
  it("tells a tab that arrives after the stream opened but before its ready the leader's status", () => {
    const { server, hub, tab } = browser()
    tab('a')
    server.streams[0].sink.status('open')
    hub.flush()
    const late = tab('b')
    hub.flush()
    server.send('ready', '5')
    server.send('message.created', '6')
    hub.flush()
    expect(late.seen).toEqual(['ready:5', 'message.created:6'])
    expect(late.statuses).toEqual(['open'])
  })

  it('hands over when the leader closes: the next tab resumes from its position, nothing lost, nothing twice', () => {
    const { server, hub, tab } = browser()
    const [a, b, c] = [tab('a'), tab('b'), tab('c')]
    server.streams[0].sink.status('open')
    server.send('ready', '1')
    server.send('message.created', '2')
    hub.flush()
    server.send('message.created', '3')
    // The relay of 3 reaches c before the hand-over but is still on its way to b; 4 the leader
    // got but never relayed: it closed first.
    hub.flush(c.channel)
    server.send('message.created', '4')
    for (const m of hub.members) m.inbox = m.inbox.filter((w) => !(w.type === 'event' && w.event.id === '4'))
    a.coordinator.dispose()

    expect(b.coordinator.leader).toBe(true)
    expect(server.open).toHaveLength(1)
    expect(server.open[0].resumeFrom).toBe('2') // b's own position: nothing after it is lost
    server.send('ready', '2')
    server.send('message.created', '3') // replayed: c applied it already, b did not
    server.send('message.created', '4')
    server.send('message.created', '5')
    hub.flush()
    const changes = (t: { seen: string[] }) => t.seen.filter((s) => s.startsWith('message'))
    expect(changes(b)).toEqual(['message.created:2', 'message.created:3', 'message.created:4', 'message.created:5'])
    expect(changes(c)).toEqual(['message.created:2', 'message.created:3', 'message.created:4', 'message.created:5'])
    expect(b.statuses).toContain('reconnecting')
  })

  it('a reset moves the position back (a restored database) and later events apply', () => {
    const { server, hub, tab } = browser()
    const [a, b] = [tab('a'), tab('b')]
    server.send('ready', '50')
    server.send('reset', '20')
    server.send('message.created', '21')
    hub.flush()
    for (const t of [a, b]) expect(t.seen).toEqual(['ready:50', 'reset:20', 'message.created:21'])
  })

  it('the leader knows every tab’s state, again after a hand-over, and forgets closed tabs', () => {
    const { hub, tab } = browser()
    const a = tab('a', { visible: false, open: null })
    const b = tab('b', { visible: true, open: 'dm:2' })
    const c = tab('c', { visible: false, open: 'room:1' })
    hub.flush()
    expect(Object.fromEntries(a.tabs())).toEqual({ a: { visible: false, open: null }, b: { visible: true, open: 'dm:2' }, c: { visible: false, open: 'room:1' } })
    c.coordinator.setState({ visible: true, open: 'room:1' })
    hub.flush()
    expect(a.tabs().get('c')).toEqual({ visible: true, open: 'room:1' })
    c.coordinator.setState({ visible: false, open: 'room:1' })

    a.coordinator.dispose()
    hub.flush()
    expect(b.coordinator.leader).toBe(true)
    expect(Object.fromEntries(b.tabs())).toEqual({ b: { visible: true, open: 'dm:2' }, c: { visible: false, open: 'room:1' } })
    c.coordinator.dispose()
    hub.flush()
    expect([...b.tabs().keys()]).toEqual(['b'])
  })
})
