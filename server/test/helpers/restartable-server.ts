// A spawned server (helpers/serve.ts) that a test can crash with SIGKILL and start again on the
// same database file, as a supervisor would after an OOM kill. The new process may listen on
// another port, so clients ask `url()` each time: while the server is down it waits for the next.
import { spawnServer, type ServerProcess } from './server-process'

export class RestartableServer {
  private current: Promise<ServerProcess>
  // How many processes have been started: 1 for the first, +1 per crash.
  epoch = 1

  private constructor(
    first: ServerProcess,
    private readonly env: Record<string, string>,
  ) {
    this.current = Promise.resolve(first)
  }

  static async start(env: Record<string, string> = {}): Promise<RestartableServer> {
    return new RestartableServer(await spawnServer(env), env)
  }

  async url(): Promise<string> {
    return (await this.current).url
  }

  // SIGKILL: no shutdown handler runs, sockets are cut mid-write. `whileDown` runs between the
  // death of the old process and the start of the new one (e.g. another process writing the file).
  async crashAndRestart(whileDown: () => Promise<void> = async () => {}): Promise<void> {
    const dead = await this.current
    let revive!: (next: ServerProcess) => void
    let failed!: (error: unknown) => void
    // Callers asking for the URL from now on wait for the next process.
    this.current = new Promise<ServerProcess>((resolve, reject) => {
      revive = resolve
      failed = reject
    })
    dead.child.kill('SIGKILL')
    await dead.exited
    await whileDown()
    this.epoch += 1
    try {
      revive(await spawnServer(this.env))
    } catch (error) {
      failed(error)
      throw error
    }
  }

  async stop(): Promise<void> {
    const last = await this.current.catch(() => null)
    last?.child.kill('SIGKILL')
    await last?.exited
  }
}
