// The change-feed position the stream has reached. Copies of a message are ordered by it: a stream
// event carries its own position, and a REST answer is at least as new as the position when it
// was asked. Only the stream moves it.
export class FeedPosition {
  #value = 0

  get current(): number {
    return this.#value
  }

  // An event's SSE id is its position; an event without one (a `ready` before a `reset`) leaves
  // the position where it was. Returns the position after the event.
  reach(eventId: string): number {
    if (/^\d+$/.test(eventId)) this.#value = Number(eventId)
    return this.#value
  }
}
