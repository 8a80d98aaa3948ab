// The in-process hub: subscribers indexed by audience key; each event is encoded once and the
// same bytes go to every subscriber allowed to see it. Unrelated subscribers cost nothing.
// Subscribers are keyed by user (`user:<id>`); an event's room keys are resolved to its members'
// user keys by `resolve` (the audience index), so a member named twice gets the event once.
// Admin-scope streams (`?scope=all`) share one key, ADMIN_AUDIENCE, to which every change goes too:
// one more key per change, whatever the number of streams.
import { ADMIN_AUDIENCE, type ChangeEvent, userAudience } from '../db/change-feed'
import { HeartbeatRota } from './heartbeat-rota'
import { encodeEvent, encodeHeartbeat } from './sse-wire'

export interface Subscriber {
  readonly userId: number | string
  readonly sessionId?: string
  readonly audienceKey: string
  deliver(changeId: number, bytes: Uint8Array): void
  // An ephemeral event (no change id): written only if the stream is live with room for it; true
  // when it was written. Optional: a subscriber without it takes changes only.
  // `holdKey`: kept (latest per key) for a stream that is not live, see ./held-ephemeral.ts.
  deliverEphemeral?(bytes: Uint8Array, holdKey?: string): boolean
  sendHeartbeat(bytes: Uint8Array): void
  checkStall(now: number): void
  end(finalBytes?: Uint8Array): void
}

export interface HubLifecycle {
  onFirstSubscriber(): void
  onLastSubscriber(): void
}

export class Hub {
  private readonly byKey = new Map<string, Set<Subscriber>>()
  private readonly perUser = new Map<string, number>()
  private total = 0
  // Every stream's heartbeat once per interval, spread over it (./heartbeat-rota.ts).
  private readonly heartbeat: HeartbeatRota<Subscriber>

  constructor(
    private readonly lifecycle: HubLifecycle,
    heartbeatMs: number,
    private readonly resolve: (audience: ReadonlyArray<string>) => Iterable<string> = (audience) => new Set(audience),
  ) {
    this.heartbeat = new HeartbeatRota(heartbeatMs, (subscribers, now) => this.beat(subscribers, now))
  }

  get size(): number {
    return this.total
  }

  streamsOf(userId: number | string): number {
    return this.perUser.get(String(userId)) ?? 0
  }

  add(subscriber: Subscriber): void {
    let set = this.byKey.get(subscriber.audienceKey)
    if (!set) this.byKey.set(subscriber.audienceKey, (set = new Set()))
    if (set.has(subscriber)) return
    set.add(subscriber)
    this.perUser.set(String(subscriber.userId), this.streamsOf(subscriber.userId) + 1)
    this.total += 1
    this.heartbeat.add(subscriber)
    if (this.total === 1) this.lifecycle.onFirstSubscriber()
  }

  remove(subscriber: Subscriber): void {
    const set = this.byKey.get(subscriber.audienceKey)
    if (!set?.delete(subscriber)) return
    if (set.size === 0) this.byKey.delete(subscriber.audienceKey)
    const left = this.streamsOf(subscriber.userId) - 1
    if (left > 0) this.perUser.set(String(subscriber.userId), left)
    else this.perUser.delete(String(subscriber.userId))
    this.total -= 1
    this.heartbeat.remove(subscriber)
    if (this.total === 0) this.lifecycle.onLastSubscriber()
  }

  publish(event: ChangeEvent): void {
    let bytes: Uint8Array | undefined
    const deliverTo = (set: Set<Subscriber> | undefined) => {
      if (!set) return
      bytes ??= encodeEvent(event)
      for (const subscriber of set) subscriber.deliver(event.id, bytes)
    }
    for (const key of this.resolve(event.audience)) if (key !== ADMIN_AUDIENCE) deliverTo(this.byKey.get(key))
    deliverTo(this.byKey.get(ADMIN_AUDIENCE))
  }

  // An ephemeral event (presence, typing), already encoded: the same bytes to the streams of these
  // user keys. No change id, no ordering with the feed. Returns how many streams wrote it (held or
  // skipped ones do not count: the bench's deliveries figure).
  publishEphemeral(userKeys: Iterable<string>, bytes: Uint8Array, holdKey?: string): number {
    let written = 0
    for (const key of userKeys) {
      const set = this.byKey.get(key)
      if (!set) continue
      for (const subscriber of set) if (subscriber.deliverEphemeral?.(bytes, holdKey)) written += 1
    }
    return written
  }

  // Every heartbeat interval, for each stream (a slice of them at a time): drop the streams whose
  // clients stopped reading, and keep the others' connections from idling out (proxies close a
  // silent one).
  private beat(subscribers: ReadonlyArray<Subscriber>, now: number): void {
    const bytes = encodeHeartbeat()
    for (const subscriber of subscribers) subscriber.checkStall(now)
    for (const subscriber of subscribers) if (this.heartbeat.has(subscriber)) subscriber.sendHeartbeat(bytes)
  }

  // Ends every stream (shutdown), each after `finalBytes`. Subscribers remove themselves as they end.
  endAll(finalBytes?: Uint8Array): void {
    for (const set of [...this.byKey.values()]) for (const subscriber of [...set]) subscriber.end(finalBytes)
  }

  // Ends a user's streams, member and admin scope: all of them, or those opened with one of
  // `sessionIds` (a logout). A user id, a number: an audience key ('user:1') does not type-check.
  endStreamsOf(userId: number, sessionIds?: ReadonlyArray<string | undefined>): void {
    const ending = [...(this.byKey.get(userAudience(userId)) ?? []), ...(this.byKey.get(ADMIN_AUDIENCE) ?? [])].filter(
      (subscriber) =>
        String(subscriber.userId) === String(userId) && (!sessionIds || sessionIds.includes(subscriber.sessionId)),
    )
    for (const subscriber of ending) subscriber.end()
  }

  // Ends a user's admin-scope streams only (a demotion: their own stream stays).
  endAdminScopeOf(userId: number): void {
    const ending = [...(this.byKey.get(ADMIN_AUDIENCE) ?? [])].filter((subscriber) => String(subscriber.userId) === String(userId))
    for (const subscriber of ending) subscriber.end()
  }

  *subscribers(): Iterable<Subscriber> {
    for (const set of this.byKey.values()) yield* set
  }

  get hasHeartbeatTimer(): boolean {
    return this.heartbeat.hasTimer
  }
}
