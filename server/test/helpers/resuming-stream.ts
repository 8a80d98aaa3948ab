// A stream client that resumes as a browser's EventSource does: whenever its connection drops it
// reconnects, to wherever the server now is, with Last-Event-ID set to the last id it received.
// It keeps every frame of every connection, raw: nothing is deduplicated, so a change delivered
// twice across a reconnect shows up twice.
import { openStream, type SseConnection, type SseEvent } from './sse-client'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export class ResumingStream {
  // Connections that were answered 200, in order; the last one may still be open.
  readonly connections: SseConnection[] = []
  // Answers other than 200 (there should be none) and connection errors while reconnecting.
  readonly refusals: string[] = []
  private stopped = false
  private running: Promise<void> | undefined

  constructor(
    readonly label: string,
    readonly userId: number,
    private readonly token: string,
    private readonly serverUrl: () => Promise<string>,
  ) {}

  // Connects and resolves once the first `ready` arrived; then keeps resuming until stop().
  async start(): Promise<void> {
    this.running = this.run()
    while (!this.events().some((e) => e.event === 'ready')) await sleep(10)
  }

  events(): SseEvent[] {
    return this.connections.flatMap((connection) => connection.events)
  }

  changes(): SseEvent[] {
    return this.events().filter((e) => e.event.startsWith('message.'))
  }

  // The id an EventSource would send on reconnect: the last `id:` field it received.
  lastEventId(): string | undefined {
    const withId = this.events().filter((e) => e.id !== undefined)
    return withId[withId.length - 1]?.id
  }

  // A network blip: the current connection drops and the stream resumes at once.
  blip(): void {
    this.connections.at(-1)?.close()
  }

  async stop(): Promise<void> {
    this.stopped = true
    this.connections.at(-1)?.close()
    await this.running
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      const url = await this.serverUrl()
      let connection: SseConnection
      try {
        connection = await openStream(url, { token: this.token, lastEventId: this.lastEventId() })
      } catch (error) {
        // The server died between handing out its URL and accepting us: ask again.
        this.refusals.push(String(error))
        await sleep(50)
        continue
      }
      if (connection.status !== 200) {
        this.refusals.push(`${connection.status} ${connection.body}`)
        connection.close()
        await sleep(50)
        continue
      }
      this.connections.push(connection)
      await connection.closed
    }
  }
}
