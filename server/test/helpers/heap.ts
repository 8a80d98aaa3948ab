// The heap after garbage collection, for leak checks. The test runner does not start workers with
// --expose-gc (a global setting), so the flag is set at run time and `gc` taken from a fresh
// context, where V8 defines it once the flag is on.
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

// Several full collections with turns of the event loop between them, so that objects freed by
// closing callbacks (sockets, timers, finalizers) are collected too.
export async function settledHeapUsed(): Promise<number> {
  for (let i = 0; i < 4; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20))
    gc()
  }
  return process.memoryUsage().heapUsed
}
